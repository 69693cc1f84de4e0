import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/tenant';
import { users } from '@/db/schema';
import { emailKey } from '@/lib/ratelimit/limits';
import { failSoft, kv } from '@/lib/redis';

export const MAX_FAILED_ATTEMPTS = 5;
export const FAILURE_WINDOW_SECONDS = 15 * 60;
export const LOCK_SECONDS = 15 * 60;

const failuresKey = (email: string) => `auth:failures:${emailKey(email)}`;
const lockedKey = (email: string) => `auth:locked:${emailKey(email)}`;

type LockableUser = { id: string; lockedUntil: Date | null; failedLoginAttempts?: number };

/**
 * Locked accounts and unknown emails that failed as often answer alike, so a lockout never tells
 * an attacker that an address has an account. Known accounts also record it on the user row.
 */
export async function isLockedOut(email: string, user: LockableUser | null, now = new Date()): Promise<boolean> {
  if (user?.lockedUntil && user.lockedUntil > now) return true;
  if (!user) return (await failSoft(() => kv().get(lockedKey(email)), null)) !== null;
  return false;
}

/**
 * Counts a failed password within the 15-minute window, in Redis and before the transaction (no
 * Redis call inside one). With Redis away a known account counts on its user row instead; an
 * unknown email is not counted (the per-IP and per-email rate limits still hold, per process).
 */
export async function countFailedPassword(email: string, user: LockableUser | null): Promise<{ failures: number; locks: boolean }> {
  const counted = await failSoft(() => kv().incr(failuresKey(email), { ttlSeconds: FAILURE_WINDOW_SECONDS }), null);
  const failures = counted ?? (user ? (user.failedLoginAttempts ?? 0) + 1 : 0);
  const locks = failures >= MAX_FAILED_ATTEMPTS;
  if (locks) {
    await failSoft(() => kv().del(failuresKey(email)), 0);
    if (!user) await failSoft(() => kv().set(lockedKey(email), '1', { ttlSeconds: LOCK_SECONDS }), false);
  }
  return { failures, locks };
}

/** Records a counted failure on the user row; returns true when this failure locks. */
export async function recordFailedPassword(tx: Tx, user: LockableUser | null, counted: { failures: number; locks: boolean }, now = new Date()): Promise<boolean> {
  const { failures, locks } = counted;
  if (user) {
    await tx
      .update(users)
      .set({
        failedLoginAttempts: locks ? 0 : failures,
        ...(locks ? { lockedUntil: new Date(now.getTime() + LOCK_SECONDS * 1000) } : {}),
      })
      .where(eq(users.id, user.id));
  }
  return locks;
}

/** The Redis half of clearing, outside the transaction; best effort while Redis is away. */
export async function forgetFailedPasswords(email: string): Promise<void> {
  await failSoft(() => kv().del(failuresKey(email), lockedKey(email)), 0);
}

export async function clearFailedPasswords(tx: Tx, userId: string): Promise<void> {
  await tx.update(users).set({ failedLoginAttempts: 0, lockedUntil: null }).where(eq(users.id, userId));
}
