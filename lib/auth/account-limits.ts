import { rateLimiter, type RateLimiterOptions, type RateLimitResult } from '@/lib/ratelimit';
import { RATE_LIMIT_POLICY } from '@/lib/ratelimit/policy';

/** The account flows' rows of the one policy table (lib/ratelimit/policy.ts). */
export const ACCOUNT_LIMITS = {
  signUpIp: RATE_LIMIT_POLICY.signUpIp,
  resetIp: RATE_LIMIT_POLICY.resetIp,
  resetEmail: RATE_LIMIT_POLICY.resetEmail,
  magicLinkIp: RATE_LIMIT_POLICY.magicLinkIp,
  magicLinkEmail: RATE_LIMIT_POLICY.magicLinkEmail,
  verifyResendUser: RATE_LIMIT_POLICY.verifyResendUser,
  emailChangeUser: RATE_LIMIT_POLICY.emailChangeUser,
} as const satisfies Record<string, RateLimiterOptions>;

export type AccountLimit = keyof typeof ACCOUNT_LIMITS;

export { emailKey } from '@/lib/ratelimit/limits';

export function limitAccount(name: AccountLimit, identifier: string): Promise<RateLimitResult> {
  return rateLimiter(ACCOUNT_LIMITS[name]).limit(identifier);
}
