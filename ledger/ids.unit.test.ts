import { newId } from './ids';

describe('ledger: ids', () => {
  it('are distinct, RFC 9562 version 7, and increase in creation order across random-byte batches', () => {
    const ids = Array.from({ length: 3_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    // The random tails (last 62 bits) differ too: no batch of random bytes is handed out twice.
    expect(new Set(ids.map((id) => id.slice(19))).size).toBe(ids.length);
  });
});
