import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { authTokens, users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { hashAuthToken } from '@/lib/auth/tokens';
import { at, enrolledUser, T0 } from './support/two-factor';

// A 2FA hand-off sets the challenge cookie through next/headers: record what it sets.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
}));

const { issueEmailVerification, verifyEmailToken } = await import('@/lib/auth/email-verification');
const { verifiedSignInNext, VERIFIED_SIGN_IN_TTL_MS } = await import('@/lib/auth/verified-link-sign-in');
const { authorizeVerifiedLink } = await import('@/lib/auth/verified-link-provider');
const { TwoFactorRequired } = await import('@/lib/auth/password-sign-in');
const { CHALLENGE_COOKIE } = await import('@/lib/auth/two-factor/challenge-cookie');

async function unverifiedUser() {
  const email = `continue-${randomUUID().slice(0, 8)}@example.test`;
  const [user] = await withSystem('test', (tx) => tx.insert(users).values({ email, name: 'Cleo' }).returning());
  return user!;
}

/** Confirms the address through a fresh link (as the verified page does) and returns what it got. */
async function confirm(user: { id: string; email: string; name: string | null }, options: { next?: string; now?: Date } = {}) {
  const request = await withSystem('test', (tx) => issueEmailVerification(tx, user, options));
  const outcome = await verifyEmailToken(request.token, options.now);
  if (outcome.status !== 'verified') throw new Error(`expected verified, got ${outcome.status}`);
  return { link: request.token, outcome };
}

describe('sign-in from the first confirmation link', () => {
  it('issues a continuation token only when a fresh link first confirms the address', async () => {
    const user = await unverifiedUser();
    const { link, outcome } = await confirm(user);
    expect(outcome.signInToken).toMatch(/^[\w-]{43}$/);
    expect(outcome.userId).toBe(user.id);

    // The same link again (a scanner came first, or a second click): confirmed, but no token.
    expect(await verifyEmailToken(link)).toMatchObject({ status: 'verified', signInToken: null });
    // A fresh link for an address that is already confirmed: no token either.
    expect((await confirm(user)).outcome.signInToken).toBeNull();

    // Stored like the others: only the digest, for 15 minutes.
    const [row] = await withSystem('test', (tx) =>
      tx.select().from(authTokens).where(and(eq(authTokens.userId, user.id), eq(authTokens.purpose, 'verified_sign_in'))),
    );
    expect(row!.tokenHash).toBe(hashAuthToken(outcome.signInToken!));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(VERIFIED_SIGN_IN_TTL_MS);
  });

  it('signs the user in once; the token is spent after', async () => {
    const user = await unverifiedUser();
    const { outcome } = await confirm(user);
    expect(await authorizeVerifiedLink({ token: outcome.signInToken })).toEqual({
      id: user.id,
      email: user.email,
      name: 'Cleo',
      image: null,
      tokenVersion: 0,
    });
    expect(await authorizeVerifiedLink({ token: outcome.signInToken })).toBeNull();
  });

  it('expires after 15 minutes', async () => {
    const user = await unverifiedUser();
    const { outcome } = await confirm(user, { now: T0 });
    expect(await authorizeVerifiedLink({ token: outcome.signInToken }, at(15 * 60))).toBeNull();

    const other = await unverifiedUser();
    const fresh = await confirm(other, { now: T0 });
    expect(await authorizeVerifiedLink({ token: fresh.outcome.signInToken }, at(15 * 60 - 1))).toMatchObject({ id: other.id });
  });

  it('refuses forged, malformed and other-purpose tokens', async () => {
    const user = await unverifiedUser();
    const request = await withSystem('test', (tx) => issueEmailVerification(tx, user));
    expect(await authorizeVerifiedLink({ token: 'x'.repeat(43) })).toBeNull();
    expect(await authorizeVerifiedLink({ token: "'; drop table users; --" })).toBeNull();
    expect(await authorizeVerifiedLink({ token: 42 })).toBeNull();
    expect(await authorizeVerifiedLink({})).toBeNull();
    expect(await authorizeVerifiedLink(undefined)).toBeNull();
    // A confirmation link's own token is not a sign-in token.
    expect(await authorizeVerifiedLink({ token: request.token })).toBeNull();
  });

  it('refuses the token once the account uses another address', async () => {
    const user = await unverifiedUser();
    const { outcome } = await confirm(user);
    await withSystem('test', (tx) => tx.update(users).set({ email: `moved-${user.email}` }).where(eq(users.id, user.id)));
    expect(await authorizeVerifiedLink({ token: outcome.signInToken })).toBeNull();
  });

  it('leads on to where the confirmation link was going, even once the token is spent', async () => {
    const user = await unverifiedUser();
    const { outcome } = await confirm(user, { next: '/invite/inv_abcdefghijkl' });
    expect(await verifiedSignInNext(outcome.signInToken!)).toBe('/invite/inv_abcdefghijkl');
    await authorizeVerifiedLink({ token: outcome.signInToken });
    expect(await verifiedSignInNext(outcome.signInToken!)).toBe('/invite/inv_abcdefghijkl');
    expect(await verifiedSignInNext('x'.repeat(43))).toBe('/onboarding');
  });

  it('hands an account with 2FA on to the second step, like a password does', async () => {
    // Signed in with the password while unverified, turned 2FA on, then confirmed the address.
    const { user } = await enrolledUser();
    await withSystem('test', (tx) => tx.update(users).set({ emailVerified: null }).where(eq(users.id, user.id)));
    const { outcome } = await confirm(user, { next: '/invite/inv_abcdefghijkl' });
    jar.clear();

    await expect(authorizeVerifiedLink({ token: outcome.signInToken })).rejects.toBeInstanceOf(TwoFactorRequired);
    const challenge = jar.get(CHALLENGE_COOKIE);
    expect(challenge).toMatch(/^[\w-]{43}$/);
    const [row] = await withSystem('test', (tx) => tx.select().from(authTokens).where(eq(authTokens.tokenHash, hashAuthToken(challenge!))));
    expect(row).toMatchObject({ userId: user.id, purpose: 'two_factor_challenge', usedAt: null });
    expect(row!.data).toMatchObject({ method: 'magic-link', redirectTo: '/invite/inv_abcdefghijkl' });

    // The continuation token is spent: it can't skip the second step on a retry.
    expect(await authorizeVerifiedLink({ token: outcome.signInToken })).toBeNull();
  });
});
