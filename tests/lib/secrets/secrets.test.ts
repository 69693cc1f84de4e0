import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, needsReencryption, payloadKeyVersion, reencryptSecret, SecretDecryptionError } from '@/lib/secrets';
import { keyringFromEnv } from '@/lib/secrets/keyring';
import { formatPayload, parsePayload } from '@/lib/secrets/payload';

const KEY_A = 'a1'.repeat(32);
const KEY_B = 'b2'.repeat(32);
const alice = { kind: 'user', id: '5d6b1a7e-0000-4000-8000-000000000001' } as const;
const bob = { kind: 'user', id: '5d6b1a7e-0000-4000-8000-000000000002' } as const;
const v1 = keyringFromEnv({ ENCRYPTION_KEY: KEY_A });

function tamper(payload: string, part: 1 | 2 | 3): string {
  const parts = payload.split('.');
  const bytes = Buffer.from(parts[part]!, 'base64url');
  bytes[0] = bytes[0]! ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('secrets at rest', () => {
  it('round-trips through the payload format', () => {
    const payload = encryptSecret('JBSWY3DPEHPK3PXP JBSWY3DP — ключ', alice, v1);
    expect(payload).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(payload).not.toContain('JBSWY3DP');
    expect(decryptSecret(payload, alice, v1)).toBe('JBSWY3DPEHPK3PXP JBSWY3DP — ключ');
  });

  it('seals the same plaintext differently each time', () => {
    expect(encryptSecret('same', alice, v1)).not.toBe(encryptSecret('same', alice, v1));
  });

  it('uses the env key when no keyring is given', () => {
    expect(decryptSecret(encryptSecret('from env', alice), alice)).toBe('from env');
  });

  it('a payload copied to another user or workspace does not decrypt', () => {
    const payload = encryptSecret('secret', alice, v1);
    expect(() => decryptSecret(payload, bob, v1)).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(payload, { kind: 'workspace', id: alice.id }, v1)).toThrow(SecretDecryptionError);
  });

  it('tampered iv, ciphertext or tag fails authentication', () => {
    const payload = encryptSecret('secret value', alice, v1);
    for (const part of [1, 2, 3] as const) {
      expect(() => decryptSecret(tamper(payload, part), alice, v1)).toThrow(/authentication failed/);
    }
  });

  it('a relabelled key version is refused', () => {
    const payload = encryptSecret('secret', alice, v1);
    expect(() => decryptSecret(payload.replace(/^v1\./, 'v2.'), alice, v1)).toThrow(/no key for version 2/);
  });

  it('errors never carry the payload or plaintext', () => {
    const payload = encryptSecret('do-not-leak', alice, v1);
    try {
      decryptSecret(payload, bob, v1);
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('do-not-leak');
      expect(String(error)).not.toContain(payload.split('.')[2]!);
    }
  });

  it('parses key versions and rejects malformed payloads', () => {
    const payload = encryptSecret('x', alice, v1);
    expect(payloadKeyVersion(payload)).toBe(1);
    const parsed = parsePayload(payload)!;
    expect(formatPayload({ ...parsed, version: 12 })).toMatch(/^v12\./);
    expect(payloadKeyVersion(formatPayload({ ...parsed, version: 12 }))).toBe(12);
    for (const bad of ['', 'v1', 'v0.a.b.c', 'x1.a.b.c', `v1.${'A'.repeat(8)}.abc.${'A'.repeat(22)}`, payload + '.extra', 'v01' + payload.slice(2)]) {
      expect(payloadKeyVersion(bad)).toBeNull();
    }
    expect(() => decryptSecret('not a payload', alice, v1)).toThrow(/malformed payload/);
  });

  it('rotation: the previous key still opens old payloads, the new one seals', () => {
    const old = encryptSecret('rotate me', alice, v1);
    const v2 = keyringFromEnv({ ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEY_VERSION: 2, ENCRYPTION_KEY_PREVIOUS: KEY_A });
    expect(decryptSecret(old, alice, v2)).toBe('rotate me');
    expect(needsReencryption(old, v2)).toBe(true);
    const fresh = reencryptSecret(old, alice, v2);
    expect(payloadKeyVersion(fresh)).toBe(2);
    expect(needsReencryption(fresh, v2)).toBe(false);
    expect(decryptSecret(fresh, alice, v2)).toBe('rotate me');
    // Once the previous key is dropped, old payloads are unreadable; the fresh one isn't.
    const v2only = keyringFromEnv({ ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEY_VERSION: 2 });
    expect(() => decryptSecret(old, alice, v2only)).toThrow(/no key for version 1/);
    expect(decryptSecret(fresh, alice, v2only)).toBe('rotate me');
  });

  it('rejects a bad key configuration without echoing the key', () => {
    expect(() => keyringFromEnv({ ENCRYPTION_KEY: 'zz'.repeat(32) })).toThrow(/ENCRYPTION_KEY/);
    try {
      keyringFromEnv({ ENCRYPTION_KEY: 'zz'.repeat(32) });
    } catch (error) {
      expect(String(error)).not.toContain('zzzz');
    }
    expect(() => keyringFromEnv({ ENCRYPTION_KEY: KEY_B, ENCRYPTION_KEY_PREVIOUS: KEY_A })).toThrow(/ENCRYPTION_KEY_VERSION/);
  });
});
