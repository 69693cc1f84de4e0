import { rateLimiter, type RateLimiterOptions, type RateLimitResult } from '@/lib/ratelimit';
import { RATE_LIMIT_POLICY } from '@/lib/ratelimit/policy';

/** The account flows' rows of the one policy table (lib/ratelimit/policy.ts). */
export const ACCOUNT_LIMITS = {
  signUpIpMinute: RATE_LIMIT_POLICY.signUpIpMinute,
  signUpIp: RATE_LIMIT_POLICY.signUpIp,
  signUpEmail: RATE_LIMIT_POLICY.signUpEmail,
  resetIpMinute: RATE_LIMIT_POLICY.resetIpMinute,
  resetIp: RATE_LIMIT_POLICY.resetIp,
  resetEmail: RATE_LIMIT_POLICY.resetEmail,
  magicLinkIpMinute: RATE_LIMIT_POLICY.magicLinkIpMinute,
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

/** The limits in order, stopping at the first that refuses (later ones are then not counted). */
export async function limitAccountAll(names: readonly AccountLimit[], identifier: string): Promise<RateLimitResult> {
  let last: RateLimitResult | null = null;
  for (const name of names) {
    last = await limitAccount(name, identifier);
    if (!last.success) return last;
  }
  if (!last) throw new Error('limitAccountAll needs at least one limit');
  return last;
}
