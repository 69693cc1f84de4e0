import { ACCOUNT_LIMITS } from '@/lib/auth/account-limits';
import { AppError } from '@/lib/errors/app-error';
import { rateLimiter, type RateLimiterOptions } from '@/lib/ratelimit';
import { LIMITS } from '@/lib/ratelimit/limits';

/** Every named limit a wrapper can declare: the request gate's and the account flows'. */
const POLICIES = { ...LIMITS, ...ACCOUNT_LIMITS } satisfies Record<string, RateLimiterOptions>;

export type RateLimitPolicy = keyof typeof POLICIES;

/**
 * A wrapper's `rateLimit` option: the policy, and what it counts by (the client IP for public
 * actions by default, the person for signed-in ones, the workspace for shared budgets).
 */
export type ActionRateLimit = RateLimitPolicy | { policy: RateLimitPolicy; by: 'ip' | 'user' | 'workspace' };

export type RateLimitSubject = { ip: string | null; userId?: string | null; tenantId?: string | null };

export const TOO_MANY_REQUESTS = 'Too many requests. Please wait a few minutes and try again.';

/** Counts one call and throws AppError('rate_limited') when the policy's window is full. */
export async function enforceRateLimit(
  option: ActionRateLimit,
  subject: RateLimitSubject,
  defaultBy: 'ip' | 'user' | 'workspace',
): Promise<void> {
  const { policy, by } = typeof option === 'string' ? { policy: option, by: defaultBy } : option;
  const key =
    by === 'ip' ? (subject.ip ?? 'unknown') : by === 'user' ? subject.userId : by === 'workspace' ? subject.tenantId : null;
  if (!key) throw new Error(`rate limit ${policy} counts by ${by}, which this action does not have`);
  const result = await rateLimiter(POLICIES[policy]).limit(`${by}:${key}`);
  if (!result.success) {
    throw new AppError('rate_limited', TOO_MANY_REQUESTS, { retryAfterSeconds: Math.max(1, Math.ceil((result.reset - Date.now()) / 1000)) });
  }
}
