import { createHash, randomBytes } from 'node:crypto';

export const API_KEY_PREFIX = 'tsr_';
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_BYTES = 32;
// 62^43 > 2^256 > 62^42: every 32-byte secret fits in 43 base62 digits, left-padded with '0' so
// every key has the same length and a malformed one is refused before any lookup.
export const SECRET_LENGTH = 43;
const VISIBLE_CHARS = 8;
const TOKEN_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${SECRET_LENGTH}}$`);

export function base62(bytes: Uint8Array): string {
  let value = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (value > 0n) {
    out = ALPHABET[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out.padStart(SECRET_LENGTH, '0');
}

export type GeneratedApiKey = {
  /** The whole key, shown once and never stored. */
  token: string;
  /** `tsr_` and the first characters of the secret: stored, shown in lists and logs. */
  prefix: string;
  /** SHA-256 (hex) of the whole key: what the database holds and looks up. */
  hash: string;
};

export function generateApiKey(): GeneratedApiKey {
  const token = API_KEY_PREFIX + base62(randomBytes(SECRET_BYTES));
  return { token, prefix: visiblePrefix(token), hash: hashApiKey(token) };
}

export function visiblePrefix(token: string): string {
  return token.slice(0, API_KEY_PREFIX.length + VISIBLE_CHARS);
}

/**
 * A plain SHA-256 is enough (no salt, no slow hash): the secret has 256 bits of entropy, so there
 * is nothing to brute-force, and an unsalted digest is what lets one indexed lookup find the key.
 */
export function hashApiKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeApiKey(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}
