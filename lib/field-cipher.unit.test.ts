import { randomBytes } from 'node:crypto';
import { FieldCipher, parseCipherKeys } from './field-cipher';

const key = (id: string) => ({ id, key: randomBytes(32) });

describe('FieldCipher', () => {
  const k1 = key('k1');
  const cipher = new FieldCipher([k1]);

  it('opens what it sealed, and never seals the same text to the same value twice', () => {
    const a = cipher.seal('ada@example.com', 'customers/c-1/email');
    const b = cipher.seal('ada@example.com', 'customers/c-1/email');
    expect(a).not.toBe(b);
    expect(a).not.toContain('ada');
    expect(cipher.open(a, 'customers/c-1/email')).toBe('ada@example.com');
    expect(FieldCipher.keyIdOf(a)).toBe('k1');
  });

  it('refuses a value moved to another context (row or column) or altered', () => {
    const sealed = cipher.seal('13800000000', 'customers/c-1/phone');
    expect(() => cipher.open(sealed, 'customers/c-2/phone')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => cipher.open(parts.join('.'), 'customers/c-1/phone')).toThrow();
    expect(() => cipher.open('13800000000', 'customers/c-1/phone')).toThrow('not a sealed value');
  });

  it('after a rotation seals with the new key and still opens values of the old one; without it, refuses', () => {
    const old = cipher.seal('device-1', 'ctx');
    const rotated = new FieldCipher([key('k2'), k1]);
    expect(rotated.currentKeyId).toBe('k2');
    expect(rotated.open(old, 'ctx')).toBe('device-1');
    const fresh = rotated.seal('device-1', 'ctx');
    expect(FieldCipher.keyIdOf(fresh)).toBe('k2');
    expect(() => cipher.open(fresh, 'ctx')).toThrow('sealed with key k2, which is not in the keyring');
  });

  it('seals bytes in a binary frame that opens only with its context and key, and refuses any altered byte', () => {
    const bytes = Buffer.from('{"email":"ada@example.com"}');
    const sealed = cipher.sealBytes(bytes, 'temporal-payload');
    expect(sealed.includes(Buffer.from('ada'))).toBe(false);
    expect(cipher.openBytes(sealed, 'temporal-payload').equals(bytes)).toBe(true);
    expect(new FieldCipher([key('k2'), k1]).openBytes(sealed, 'temporal-payload').equals(bytes)).toBe(true);
    expect(() => cipher.openBytes(sealed, 'elsewhere')).toThrow();
    for (let i = 0; i < sealed.length; i += 1) {
      const altered = Buffer.from(sealed);
      altered[i] = altered[i]! ^ 0x40;
      expect(() => cipher.openBytes(altered, 'temporal-payload')).toThrow();
    }
    expect(() => cipher.openBytes(Buffer.from([1]), 'temporal-payload')).toThrow('not a sealed frame');
    expect(() => new FieldCipher([key('k3')]).openBytes(sealed, 'temporal-payload')).toThrow(
      'sealed with key k1, which is not in the keyring',
    );
  });

  it('parses a keyring from configuration, first key current, without echoing key material in errors', () => {
    const a = randomBytes(32).toString('base64');
    const b = randomBytes(32).toString('base64');
    expect(parseCipherKeys(` new:${b} , old:${a}`).map((k) => k.id)).toEqual(['new', 'old']);
    const short = randomBytes(16).toString('base64');
    for (const bad of [``, `x`, `bad id:${a}`, `k:${short}`, `k:${a},k:${b}`]) {
      let message = '';
      try {
        parseCipherKeys(bad);
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain(short);
      expect(message).not.toContain(a);
    }
  });
});
