import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/tenant';
import { users } from '@/db/schema';
import { emailKey } from '@/lib/ratelimit/limits';
import { failSoft, kv } from '@/lib/redis';

export const MAX_FAILED_ATTEMPTS = 5;
export const FAILURE_WINDOW_SECONDS = 15 * 60;
export const LOCK_SECONDS = 15 * 60;

// Untrusted clients (no valid device cookie for the account): counted per address.
const failuresKey = (email: string) => `auth:failures:${emailKey(email)}`;
const lockedKey = (email: string) => `auth:locked:${emailKey(email)}`;
// Trusted clients (lib/auth/device-cookie.ts): counted and locked per device cookie.
const deviceFailuresKey = (nonce: string) => `auth:device-failures:${nonce}`;
const deviceLockedKey = (nonce: string) => `auth:device-locked:${nonce}`;

type LockableUser = { id: string; lockedUntil: Date | null; failedLoginAttempts?: number };

/**
 * Who is trying: `device` is the nonce of a valid device cookie for this account, or null for an
 * untrusted client (no cookie, a forged one, another account's — and always for an unknown email,
 * which has no account to bind a cookie to).
 */
export type SignInClient = { device: string | null };

/** What a failed password did to the counters; the user row follows it in the caller's transaction. */
export type FailedPassword = { scope: 'device' | 'untrusted'; failures: number; locks: boolean };

/**
 * The OWASP device-cookie rule: a trusted client is locked only by its own failures, so a
 * stranger's guesses never keep the owner's device out; everyone else meets the account's lock for
 * untrusted clients. Locked accounts and unknown emails that failed as often answer alike, so a
 * lockout never tells an attacker that an address has an account. Redis only: call it outside
 * any transaction.
 */
export async function isLockedOut(email: string, user: LockableUser | null, client: SignInClient, now = new Date()): Promise<boolean> {
  if (client.device) return (await failSoft(() => kv().get(deviceLockedKey(client.device as string)), null)) !== null;
  if (user) return Boolean(user.lockedUntil && user.lockedUntil > now);
  return (await failSoft(() => kv().get(lockedKey(email)), null)) !== null;
}

/**
 * Counts a failed password within the 15-minute window, against the device cookie or the account's
 * untrusted clients; the fifth locks that scope for 15 minutes. Redis only, outside any transaction:
 * the user row's side is `recordFailedPasswordRow`, in the transaction that writes the audit.
 */
export async function countFailedPassword(email: string, user: LockableUser | null, client: SignInClient): Promise<FailedPassword> {
  const device = client.device;
  if (device) {
    // With Redis away a device's failures go uncounted: only someone who signed in to this
    // account before holds the cookie, and the per-IP limits still hold (per process).
    const failures = (await failSoft(() => kv().incr(deviceFailuresKey(device), { ttlSeconds: FAILURE_WINDOW_SECONDS }), null)) ?? 0;
    const locks = failures >= MAX_FAILED_ATTEMPTS;
    if (locks) {
      await failSoft(() => kv().set(deviceLockedKey(device), '1', { ttlSeconds: LOCK_SECONDS }), false);
      await failSoft(() => kv().del(deviceFailuresKey(device)), 0);
    }
    return { scope: 'device', failures, locks };
  }
  // With Redis away a known account counts on its user row (its durable source); an unknown
  // email is not counted (the per-IP and per-email rate limits still hold, per process).
  const counted = await failSoft(() => kv().incr(failuresKey(email), { ttlSeconds: FAILURE_WINDOW_SECONDS }), null);
  const failures = counted ?? (user ? (user.failedLoginAttempts ?? 0) + 1 : 0);
  const locks = failures >= MAX_FAILED_ATTEMPTS;
  if (locks) {
    await failSoft(() => kv().del(failuresKey(email)), 0);
    // A known account keeps its lock on the user row (durable, shown to the owner); an unknown
    // email has no row, so its lock lives where its count does.
    if (!user) await failSoft(() => kv().set(lockedKey(email), '1', { ttlSeconds: LOCK_SECONDS }), false);
  }
  return { scope: 'untrusted', failures, locks };
}

/** The user row's side of an untrusted failure: the count, and the lock when this one locked. */
export async function recordFailedPasswordRow(tx: Tx, user: LockableUser, failure: FailedPassword, now = new Date()): Promise<void> {
  if (failure.scope !== 'untrusted') return;
  await tx
    .update(users)
    .set({
      failedLoginAttempts: failure.locks ? 0 : failure.failures,
      ...(failure.locks ? { lockedUntil: new Date(now.getTime() + LOCK_SECONDS * 1000) } : {}),
    })
    .where(eq(users.id, user.id));
}

/**
 * After the right password: a trusted client clears only its own count — the lock strangers put on
 * untrusted clients stays until it expires; an untrusted client (let in, so not locked) clears the
 * account's count. Redis only, outside any transaction.
 */
export async function clearFailureCounters(email: string, client: SignInClient): Promise<void> {
  const device = client.device;
  if (device) await failSoft(() => kv().del(deviceFailuresKey(device)), 0);
  else await failSoft(() => kv().del(failuresKey(email), lockedKey(email)), 0);
}

/** The user row's side of a lifted lockout (an untrusted client's success, a password reset). */
export async function clearLockoutRow(tx: Tx, userId: string): Promise<void> {
  await tx.update(users).set({ failedLoginAttempts: 0, lockedUntil: null }).where(eq(users.id, userId));
}
