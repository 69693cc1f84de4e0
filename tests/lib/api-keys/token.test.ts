import { describe, expect, it } from 'vitest';
import { base62, generateApiKey, hashApiKey, looksLikeApiKey, SECRET_LENGTH, visiblePrefix } from '@/lib/api-keys/token';

describe('API key format', () => {
  it('is tsr_ and 43 base62 characters, with its sha-256 and visible prefix', () => {
    const key = generateApiKey();
    expect(key.token).toMatch(/^tsr_[0-9A-Za-z]{43}$/);
    expect(key.prefix).toBe(key.token.slice(0, 12));
    expect(key.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(key.hash).toBe(hashApiKey(key.token));
    expect(key.hash).not.toContain(key.token.slice(4));
  });

  it('encodes all 32 bytes: the extremes round-trip and every key differs', () => {
    expect(base62(new Uint8Array(32))).toBe('0'.repeat(SECRET_LENGTH));
    const max = base62(new Uint8Array(32).fill(255));
    expect(max).toHaveLength(SECRET_LENGTH);
    let decoded = 0n;
    for (const c of max) decoded = decoded * 62n + BigInt('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.indexOf(c));
    expect(decoded).toBe(2n ** 256n - 1n);
    const tokens = new Set(Array.from({ length: 200 }, () => generateApiKey().token));
    expect(tokens.size).toBe(200);
  });

  it('recognises only well-formed keys', () => {
    const { token } = generateApiKey();
    expect(looksLikeApiKey(token)).toBe(true);
    expect(looksLikeApiKey(token.slice(0, -1))).toBe(false);
    expect(looksLikeApiKey(`${token}x`)).toBe(false);
    expect(looksLikeApiKey(token.replace('tsr_', 'tsk_'))).toBe(false);
    expect(looksLikeApiKey(`${token.slice(0, -1)}-`)).toBe(false);
    expect(looksLikeApiKey('')).toBe(false);
    expect(visiblePrefix(token)).toHaveLength(12);
  });
});
