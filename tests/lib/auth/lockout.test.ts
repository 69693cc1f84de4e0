import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { withSystem } from '@/db/tenant';
import { users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { resetSignInForEmail } from '@/lib/ratelimit/limits';

// authorizePassword starts a 2FA challenge through next/headers cookies; these users have no 2FA.
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }) }));

const { authorizePassword, LockedOutSignIn } = await import('@/lib/auth/password-sign-in');

function request(ip = `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) {
  return new Request('http://localhost/api/auth/callback/credentials', { method: 'POST', headers: { 'x-forwarded-for': ip, 'user-agent': 'vitest' } });
}

async function makeUser(password: string) {
  const email = `lock-${randomUUID().slice(0, 8)}@example.test`;
  const passwordHash = await hashPassword(password);
  await withSystem('test: test user', (tx) => tx.insert(users).values({ email, passwordHash }));
  return email;
}

async function attempt(email: string, password: string) {
  try {
    return { user: await authorizePassword({ email, password }, request()) };
  } catch (error) {
    return { error };
  }
}

describe('password sign-in lockout', () => {
  it('signs in with the right password', async () => {
    const email = await makeUser('correct horse battery staple');
    const result = await attempt(email, 'correct horse battery staple');
    expect(result.user?.email).toBe(email);
  });

  it('locks the account after five failures in the window, even for the right password', async () => {
    const email = await makeUser('correct horse battery staple');
    for (let i = 0; i < 4; i++) expect((await attempt(email, 'wrong password')).user).toBeNull();
    expect((await attempt(email, 'wrong password')).error).toBeInstanceOf(LockedOutSignIn);
    expect((await attempt(email, 'correct horse battery staple')).error).toBeInstanceOf(LockedOutSignIn);
    const [row] = await withSystem('test: read', (tx) => tx.select().from(users).where(eq(users.email, email)));
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + 14 * 60 * 1000);
  });

  it('unlocks when the lock has passed and a success resets the counter', async () => {
    const email = await makeUser('correct horse battery staple');
    for (let i = 0; i < 5; i++) await attempt(email, 'wrong password');
    await withSystem('test: expire lock', (tx) => tx.update(users).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(users.email, email)));
    await resetSignInForEmail(email); // fifteen minutes later the per-minute email limit is long clear too
    expect((await attempt(email, 'correct horse battery staple')).user?.email).toBe(email);
    const [row] = await withSystem('test: read', (tx) => tx.select().from(users).where(eq(users.email, email)));
    expect(row!.failedLoginAttempts).toBe(0);
    expect(row!.lockedUntil).toBeNull();
  });

  it('an unknown email is answered exactly like a known one, lockout included', async () => {
    const unknown = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    const known = await makeUser('correct horse battery staple');
    const outcomes = async (email: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await attempt(email, 'wrong password');
        seen.push(r.error ? (r.error as { code?: string }).code ?? 'error' : String(r.user));
      }
      return seen;
    };
    expect(await outcomes(unknown)).toEqual(await outcomes(known));
  });
});
