import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { keyForVersion, type Keyring } from './keyring';

/**
 * HMAC-SHA256 signatures for values the app hands out and must recognise later (device cookies).
 * The key is derived per purpose from the secrets keyring (ENCRYPTION_KEY), so a signature made
 * for one purpose is worthless for another, and rotation works as for sealed secrets: the current
 * key signs, the previous one still verifies.
 */
const HKDF_SALT = Buffer.from('tessera/signing');

function purposeKey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, HKDF_SALT, `tessera/hmac/${purpose}`, 32));
}

function mac(key: Buffer, purpose: string, version: number, value: string): Buffer {
  return createHmac('sha256', purposeKey(key, purpose)).update(`v${version}\n${value}`).digest();
}

/** `v<keyVersion>.<base64url signature>` over `value`. */
export function signValue(purpose: string, value: string, keyring: Keyring): string {
  const { version, key } = keyring.current;
  return `v${version}.${mac(key, purpose, version, value).toString('base64url')}`;
}

export function verifySignedValue(purpose: string, value: string, signature: string, keyring: Keyring): boolean {
  const match = /^v([1-9][0-9]{0,3})\.([A-Za-z0-9_-]{43})$/.exec(signature);
  if (!match) return false;
  const entry = keyForVersion(keyring, Number(match[1]));
  if (!entry) return false;
  const expected = mac(entry.key, purpose, entry.version, value);
  const given = Buffer.from(match[2]!, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
