import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time bearer check: hashing first makes lengths equal for timingSafeEqual. */
export function hasBearerToken(headers: Headers, expected: string): boolean {
  const given = headers.get('authorization')?.match(/^Bearer (.+)$/)?.[1];
  if (!given) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
