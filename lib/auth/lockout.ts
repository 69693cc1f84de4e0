import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/tenant';
import { users } from '@/db/schema';
import { emailKey } from '@/lib/ratelimit/limits';
import { kv } from '@/lib/redis';

export const MAX_FAILED_ATTEMPTS = 5;
export const FAILURE_WINDOW_SECONDS = 15 * 60;
export const LOCK_SECONDS = 15 * 60;

const failuresKey = (email: string) => `auth:failures:${emailKey(email)}`;
const lockedKey = (email: string) => `auth:locked:${emailKey(email)}`;

type LockableUser = { id: string; lockedUntil: Date | null };

/**
 * Locked accounts and unknown emails that failed as often answer alike, so a lockout never tells
 * an attacker that an address has an account. Known accounts also record it on the user row.
 */
export async function isLockedOut(email: string, user: LockableUser | null, now = new Date()): Promise<boolean> {
  if (user?.lockedUntil && user.lockedUntil > now) return true;
  if (!user) return (await kv().get(lockedKey(email))) !== null;
  return false;
}

/** Counts a failed password within the 15-minute window; returns true when this failure locks. */
export async function recordFailedPassword(tx: Tx, email: string, user: LockableUser | null, now = new Date()): Promise<boolean> {
  const failures = await kv().incr(failuresKey(email), { ttlSeconds: FAILURE_WINDOW_SECONDS });
  const locks = failures >= MAX_FAILED_ATTEMPTS;
  if (locks) await kv().del(failuresKey(email));
  if (user) {
    await tx
      .update(users)
      .set({
        failedLoginAttempts: locks ? 0 : failures,
        ...(locks ? { lockedUntil: new Date(now.getTime() + LOCK_SECONDS * 1000) } : {}),
      })
      .where(eq(users.id, user.id));
  } else if (locks) {
    await kv().set(lockedKey(email), '1', { ttlSeconds: LOCK_SECONDS });
  }
  return locks;
}

export async function clearFailedPasswords(tx: Tx, email: string, userId: string): Promise<void> {
  await kv().del(failuresKey(email), lockedKey(email));
  await tx.update(users).set({ failedLoginAttempts: 0, lockedUntil: null }).where(eq(users.id, userId));
}
