import { failSoft, kv, redisUnderRowLock } from '@/lib/redis';

// Managing 2FA from a signed-in session (confirm, regenerate, disable) takes a 6-digit code: cap
// wrong guesses so a stolen session cookie can't walk the code space.
export const MAX_MANAGE_FAILURES = 5;
const WINDOW_SECONDS = 15 * 60;
const key = (userId: string) => `2fa:manage-failures:${userId}`;

// Called inside the 2FA management transactions, which hold the user row's lock; with Redis
// away the cap is not counted (the signed-in session and the code itself are still required).
const underLock = <T>(fn: () => Promise<T>) => redisUnderRowLock('2fa management failures', fn);

export function tooManyCodeFailures(userId: string): Promise<boolean> {
  return underLock(async () => Number((await failSoft(() => kv().get(key(userId)), null)) ?? 0) >= MAX_MANAGE_FAILURES);
}

export function recordCodeFailure(userId: string): Promise<void> {
  return underLock(async () => void (await failSoft(() => kv().incr(key(userId), { ttlSeconds: WINDOW_SECONDS }), 0)));
}

export function clearCodeFailures(userId: string): Promise<void> {
  return underLock(async () => void (await failSoft(() => kv().del(key(userId)), 0)));
}
