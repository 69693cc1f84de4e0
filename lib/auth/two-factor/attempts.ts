import { kv } from '@/lib/redis';

// Managing 2FA from a signed-in session (confirm, regenerate, disable) takes a 6-digit code: cap
// wrong guesses so a stolen session cookie can't walk the code space.
export const MAX_MANAGE_FAILURES = 5;
const WINDOW_SECONDS = 15 * 60;
const key = (userId: string) => `2fa:manage-failures:${userId}`;

export async function tooManyCodeFailures(userId: string): Promise<boolean> {
  const count = Number((await kv().get(key(userId))) ?? 0);
  return count >= MAX_MANAGE_FAILURES;
}

export async function recordCodeFailure(userId: string): Promise<void> {
  await kv().incr(key(userId), { ttlSeconds: WINDOW_SECONDS });
}

export async function clearCodeFailures(userId: string): Promise<void> {
  await kv().del(key(userId));
}
