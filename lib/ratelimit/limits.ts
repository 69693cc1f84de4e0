import { createHash } from 'node:crypto';
import { ipBucket, UNKNOWN_IP } from '@/lib/http/client-ip';
import { rateLimiter } from './index';
import type { RateLimiter, RateLimiterOptions, RateLimitResult } from './types';

/** The request gate's limits (DESIGN.md §3). Prefixes are part of the Redis key space: keep them stable. */
export const LIMITS = {
  /** Public API, per API key (or per IP for unauthenticated calls). */
  api: { prefix: 'rl:api', limit: 120, window: '60 s' },
  /** Sign-in attempts per client IP. */
  authIp: { prefix: 'rl:auth:ip', limit: 5, window: '60 s' },
  /** Sign-in attempts per account email, whatever the IP. */
  authEmail: { prefix: 'rl:auth:email', limit: 5, window: '60 s' },
  /** Page views, actions and API calls per IP, checked in middleware before any other work. */
  coarse: { prefix: 'rl:coarse', limit: 600, window: '60 s' },
  /**
   * Link prefetches per IP, the router's own requests: a page shows a dozen links and each one
   * prefetches, so they would eat the page-view budget of a person clicking along. Bounded apart.
   */
  coarsePrefetch: { prefix: 'rl:coarse:prefetch', limit: 3000, window: '60 s' },
} as const satisfies Record<string, RateLimiterOptions>;

export type LimitName = keyof typeof LIMITS;

export function limiter(name: LimitName): RateLimiter {
  return rateLimiter(LIMITS[name]);
}

export function limitApi(apiKeyIdOrIp: string): Promise<RateLimitResult> {
  return limiter('api').limit(apiKeyIdOrIp);
}

/** Keyed on the trusted client IP (lib/http/client-ip), IPv6 by /64; callers skip it for an unknown IP. */
export function limitCoarse(ip: string, kind: 'request' | 'prefetch' = 'request'): Promise<RateLimitResult> {
  return limiter(kind === 'prefetch' ? 'coarsePrefetch' : 'coarse').limit(ipBucket(ip));
}

/** Emails are hashed so Redis never holds them in key names; every email-keyed counter uses this. */
export function emailKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

/** The one "slow down" message for limits that may not say which limit or which account. */
export const TOO_MANY_REQUESTS = 'Too many requests. Please wait a few minutes and try again.';

/**
 * One sign-in attempt against both limits. The email is only counted when the IP passes, so an
 * attacker cycling IPs is stopped by the email limit and one spraying emails by the IP limit.
 * The IP is its bucket (IPv6 by /64); an unknown IP skips the per-IP part, as the coarse limit
 * does, rather than share one bucket every such client fills for the others. A trusted device
 * (a valid device cookie, lib/auth/device-cookie.ts) counts its own per-account budget, so a
 * stranger filling the account's never slows the owner's device. Returns the result that decided.
 */
export async function limitSignIn({ ip, email, device = null }: { ip: string; email: string; device?: string | null }): Promise<RateLimitResult> {
  const byIp = ip === UNKNOWN_IP ? null : await limiter('authIp').limit(ipBucket(ip));
  if (byIp && !byIp.success) return byIp;
  const byAccount = await limiter('authEmail').limit(device ? `device:${device}` : emailKey(email));
  if (!byAccount.success || !byIp) return byAccount;
  return byIp.remaining <= byAccount.remaining ? byIp : byAccount;
}

/** After a successful sign-in, the account's failed attempts stop counting against it. */
export function resetSignInForEmail(email: string): Promise<void> {
  return limiter('authEmail').reset(emailKey(email));
}
