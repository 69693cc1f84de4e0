import type { RateLimitResult } from './types';

/**
 * Standard rate-limit response headers (IETF draft `RateLimit-*`, seconds until reset) plus
 * `Retry-After` on a rejection, for middleware and the API wrapper.
 */
export function rateLimitHeaders(result: RateLimitResult, now: number = Date.now()): Record<string, string> {
  const resetSeconds = Math.max(0, Math.ceil((result.reset - now) / 1000));
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(result.limit),
    'RateLimit-Remaining': String(Math.max(0, result.remaining)),
    'RateLimit-Reset': String(resetSeconds),
  };
  if (!result.success) headers['Retry-After'] = String(Math.max(1, resetSeconds));
  return headers;
}
