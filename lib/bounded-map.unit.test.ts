import { mapBounded } from './bounded-map';

/** A call whose completion the test controls, so overlap is observed without timing. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('mapBounded', () => {
  it('keeps the input order whatever order the calls finish in', async () => {
    const gates = [gate(), gate(), gate()];
    const mapped = mapBounded([0, 1, 2], 3, async (i) => {
      await gates[i]!.opened;
      return `item ${i}`;
    });
    gates[2]!.open();
    gates[0]!.open();
    gates[1]!.open();
    await expect(mapped).resolves.toEqual(['item 0', 'item 1', 'item 2']);
  });

  it('never has more than `limit` calls in flight, and uses all of them', async () => {
    let inFlight = 0;
    let peak = 0;
    const gates = Array.from({ length: 10 }, gate);
    const mapped = mapBounded(gates, 3, async (g) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await g.opened;
      inFlight--;
      return true;
    });
    // Open the gates one by one, each after the loop had a chance to start the next call.
    for (const g of gates) {
      await new Promise((r) => setImmediate(r));
      g.open();
    }
    await mapped;
    expect(peak).toBe(3);
  });

  it('rejects with the first failure and starts no further calls', async () => {
    const started: number[] = [];
    await expect(
      mapBounded([0, 1, 2, 3, 4], 1, async (i) => {
        started.push(i);
        if (i === 1) throw new Error('boom');
        return i;
      }),
    ).rejects.toThrow('boom');
    expect(started).toEqual([0, 1]);
  });

  it('maps nothing to nothing and refuses a limit below 1', async () => {
    await expect(mapBounded([], 8, async () => 1)).resolves.toEqual([]);
    await expect(mapBounded([1], 0, async () => 1)).rejects.toThrow('limit');
  });
});
