import { AppError } from '@/lib/errors/app-error';
import { ipBucket } from '@/lib/http/client-ip';
import { rateLimiter, type RateLimiterOptions } from '@/lib/ratelimit';
import { TOO_MANY_REQUESTS } from '@/lib/ratelimit/limits';
import { RATE_LIMIT_POLICY } from '@/lib/ratelimit/policy';

/** Every named limit a wrapper can declare: the one policy table. */
const POLICIES = RATE_LIMIT_POLICY satisfies Record<string, RateLimiterOptions>;

export type RateLimitPolicy = keyof typeof POLICIES;

/**
 * A wrapper's `rateLimit` option: the policy, and what it counts by (the client IP for public
 * actions by default, the person for signed-in ones, the workspace for shared budgets).
 */
export type ActionRateLimit = RateLimitPolicy | { policy: RateLimitPolicy; by: 'ip' | 'user' | 'workspace' };

/** `ip` is null when the request has no trustworthy client address (lib/tenancy/request-meta). */
export type RateLimitSubject = { ip: string | null; userId?: string | null; tenantId?: string | null };

/**
 * Counts one call and throws AppError('rate_limited') when the policy's window is full. Per-IP
 * policies count the address's bucket (IPv6 by /64) and are skipped for a request without a
 * trustworthy address, as the coarse limit is: one shared "unknown" bucket would let any such
 * client lock out all the others. Per-person and per-workspace policies always hold.
 */
export async function enforceRateLimit(
  option: ActionRateLimit,
  subject: RateLimitSubject,
  defaultBy: 'ip' | 'user' | 'workspace',
): Promise<void> {
  const { policy, by } = typeof option === 'string' ? { policy: option, by: defaultBy } : option;
  if (by === 'ip' && subject.ip === null) return;
  const key = by === 'ip' ? ipBucket(subject.ip!) : by === 'user' ? subject.userId : by === 'workspace' ? subject.tenantId : null;
  if (!key) throw new Error(`rate limit ${policy} counts by ${by}, which this action does not have`);
  const result = await rateLimiter(POLICIES[policy]).limit(`${by}:${key}`);
  if (!result.success) {
    throw new AppError('rate_limited', TOO_MANY_REQUESTS, { retryAfterSeconds: Math.max(1, Math.ceil((result.reset - Date.now()) / 1000)) });
  }
}
