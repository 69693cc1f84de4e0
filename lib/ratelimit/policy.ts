import type { RateLimiterOptions } from './types';

/**
 * THE rate-limit policy table (issue 9, "Rate limits"): every limit the app enforces, by name.
 * Call sites name a policy; none holds a number. Prefixes are part of the Redis key space: keep
 * them stable. The public API's per-plan limit is the one row computed from the plan
 * (`apiPlanPolicy`), since its number lives in the catalog (entitlements.apiRatePerMinute).
 */
export const RATE_LIMIT_POLICY = {
  // The request gate (middleware, API wrapper).
  /** Public API, per API key (or per IP for unauthenticated calls), before the plan's own limit. */
  api: { prefix: 'rl:api', limit: 120, window: '60 s' },
  /** Page views, actions and API calls per IP, checked in middleware before any other work. */
  coarse: { prefix: 'rl:coarse', limit: 600, window: '60 s' },
  /**
   * Link prefetches per IP, the router's own requests: a page shows a dozen links and each one
   * prefetches, so they would eat the page-view budget of a person clicking along. Bounded apart.
   */
  coarsePrefetch: { prefix: 'rl:coarse:prefetch', limit: 3000, window: '60 s' },

  // Sign-in: 5 a minute per IP and per account email.
  authIp: { prefix: 'rl:auth:ip', limit: 5, window: '60 s' },
  authEmail: { prefix: 'rl:auth:email', limit: 5, window: '60 s' },

  // Sign-up, password reset and magic link: at most 5 a minute per IP (the `…IpMinute` rows) and
  // per email, like sign-in. Each request costs a message and can flood an inbox, so these also
  // hold over longer windows, and the per-email rows are stricter than 5 a minute. Every one
  // counts whether or not the address has an account.
  signUpIpMinute: { prefix: 'rl:signup:ip:1m', limit: 5, window: '60 s' },
  signUpIp: { prefix: 'rl:signup:ip', limit: 10, window: '1 h' },
  signUpEmail: { prefix: 'rl:signup:email', limit: 3, window: '15 m' },
  resetIpMinute: { prefix: 'rl:reset:ip:1m', limit: 5, window: '60 s' },
  resetIp: { prefix: 'rl:reset:ip', limit: 10, window: '15 m' },
  resetEmail: { prefix: 'rl:reset:email', limit: 3, window: '15 m' },
  magicLinkIpMinute: { prefix: 'rl:magic:ip:1m', limit: 5, window: '60 s' },
  magicLinkIp: { prefix: 'rl:magic:ip', limit: 10, window: '15 m' },
  magicLinkEmail: { prefix: 'rl:magic:email', limit: 5, window: '15 m' },
  verifyResendUser: { prefix: 'rl:verify:user', limit: 3, window: '15 m' },
  emailChangeUser: { prefix: 'rl:email-change:user', limit: 5, window: '1 h' },

  // Shared workspace budgets (actions declare `rateLimit: { policy, by: 'workspace' }`).
  imports: { prefix: 'rl:imports:ws', limit: 10, window: '1 h' },
  exports: { prefix: 'rl:exports:ws', limit: 5, window: '1 h' },
} as const satisfies Record<string, RateLimiterOptions>;

export type RateLimitPolicyName = keyof typeof RATE_LIMIT_POLICY;

/** The public API's per-plan limit per minute; null when the plan has no API access (a 402, not a 429). */
export function apiPlanPolicy(apiRatePerMinute: number): RateLimiterOptions | null {
  if (!Number.isInteger(apiRatePerMinute) || apiRatePerMinute <= 0) return null;
  // One prefix per rate, so a plan change starts counting against the new budget at once.
  return { prefix: `rl:api:plan:${apiRatePerMinute}`, limit: apiRatePerMinute, window: '60 s' };
}
