import { createHash } from 'node:crypto';
import { ipBucket, UNKNOWN_IP } from '@/lib/http/client-ip';
import { rateLimiter } from './index';
import { apiPlanPolicy, RATE_LIMIT_POLICY } from './policy';
import type { RateLimiter, RateLimiterOptions, RateLimitResult } from './types';

/** The request gate's limits: its rows of the one policy table (lib/ratelimit/policy.ts). */
export const LIMITS = {
  api: RATE_LIMIT_POLICY.api,
  authIp: RATE_LIMIT_POLICY.authIp,
  authEmail: RATE_LIMIT_POLICY.authEmail,
  coarse: RATE_LIMIT_POLICY.coarse,
  coarsePrefetch: RATE_LIMIT_POLICY.coarsePrefetch,
} as const satisfies Record<string, RateLimiterOptions>;

export type LimitName = keyof typeof LIMITS;

export function limiter(name: LimitName): RateLimiter {
  return rateLimiter(LIMITS[name]);
}

export function limitApi(apiKeyIdOrIp: string): Promise<RateLimitResult> {
  return limiter('api').limit(apiKeyIdOrIp);
}

/**
 * The public API's per-plan limit (entitlements.apiRatePerMinute) for one workspace. A plan
 * without API access gets a refusal with no wait, which the API wrapper answers with 402 (the
 * plan lacks api.read), not 429.
 */
export async function limitApiForPlan(tenantId: string, apiRatePerMinute: number, now: number = Date.now()): Promise<RateLimitResult> {
  const policy = apiPlanPolicy(apiRatePerMinute);
  if (!policy) return { success: false, limit: 0, remaining: 0, reset: now };
  return rateLimiter(policy).limit(`ws:${tenantId}`);
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
