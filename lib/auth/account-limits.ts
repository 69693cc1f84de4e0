import { rateLimiter, type RateLimiterOptions, type RateLimitResult } from '@/lib/ratelimit';

/**
 * Limits for the account flows that send email: each request costs a message and can be used to
 * flood someone's inbox. Every limit counts whether or not the address has an account, so hitting
 * one never tells anyone which emails exist. Prefixes are Redis key space: keep them stable.
 */
export const ACCOUNT_LIMITS = {
  signUpIp: { prefix: 'rl:signup:ip', limit: 10, window: '1 h' },
  resetIp: { prefix: 'rl:reset:ip', limit: 10, window: '15 m' },
  resetEmail: { prefix: 'rl:reset:email', limit: 3, window: '15 m' },
  magicLinkIp: { prefix: 'rl:magic:ip', limit: 10, window: '15 m' },
  magicLinkEmail: { prefix: 'rl:magic:email', limit: 5, window: '15 m' },
  verifyResendUser: { prefix: 'rl:verify:user', limit: 3, window: '15 m' },
  emailChangeUser: { prefix: 'rl:email-change:user', limit: 5, window: '1 h' },
} as const satisfies Record<string, RateLimiterOptions>;

export type AccountLimit = keyof typeof ACCOUNT_LIMITS;

export { emailKey } from '@/lib/ratelimit/limits';

export function limitAccount(name: AccountLimit, identifier: string): Promise<RateLimitResult> {
  return rateLimiter(ACCOUNT_LIMITS[name]).limit(identifier);
}
