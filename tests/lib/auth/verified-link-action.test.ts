import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { userSessions, users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { enrolledUser } from './support/two-factor';

// The Continue button's server action through Auth.js itself, with a recorded cookie jar.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: 'localhost:3000', 'x-forwarded-proto': 'http', 'user-agent': 'vitest' }),
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
}));

const { continueSignedInAction } = await import('@/app/(auth)/verify-email/actions');
const { issueEmailVerification, verifyEmailToken } = await import('@/lib/auth/email-verification');

async function confirmedUser(user?: { id: string; email: string; name: string | null }) {
  const account =
    user ??
    (await withSystem('test', async (tx) => {
      const [row] = await tx.insert(users).values({ email: `action-${randomUUID().slice(0, 8)}@example.test`, name: 'Cleo' }).returning();
      return row!;
    }));
  const request = await withSystem('test', (tx) => issueEmailVerification(tx, account, { next: '/invite/inv_abcdefghijkl' }));
  const outcome = await verifyEmailToken(request.token);
  if (outcome.status !== 'verified' || !outcome.signInToken) throw new Error('expected a continuation token');
  return { user: account, token: outcome.signInToken };
}

/** Where the action sends the browser (Next's redirect digest) and which cookies it set. */
async function pressContinue(token: unknown) {
  jar.clear();
  const form = new FormData();
  if (typeof token === 'string') form.set('token', token);
  const error = await continueSignedInAction(null, form).then(
    () => null,
    (thrown: unknown) => thrown as { digest?: string },
  );
  const location = error?.digest?.split(';')[2] ?? '';
  return { location: location.replace(/^https?:\/\/[^/]+/, ''), cookies: [...jar.keys()] };
}

const sessionsOf = (userId: string) => withSystem('test', (tx) => tx.select().from(userSessions).where(eq(userSessions.userId, userId)));

describe('Continue after confirming the address', () => {
  it('signs in and goes on to where the link was leading', async () => {
    const { user, token } = await confirmedUser();
    const result = await pressContinue(token);
    expect(result.location).toBe('/invite/inv_abcdefghijkl');
    expect(result.cookies).toEqual(expect.arrayContaining([expect.stringMatching(/authjs\.session-token$/)]));
    expect(await sessionsOf(user.id)).toMatchObject([{ method: 'magic-link' }]);
  });

  it('a spent token goes to sign-in with a message, still leading on', async () => {
    const { user, token } = await confirmedUser();
    await pressContinue(token);
    const again = await pressContinue(token);
    expect(again.location).toBe('/sign-in?error=VerifiedLinkExpired&callbackUrl=%2Finvite%2Finv_abcdefghijkl');
    expect(again.cookies.filter((name) => name.endsWith('session-token'))).toEqual([]);
    expect(await sessionsOf(user.id)).toHaveLength(1);
  });

  it('forged or missing tokens go to sign-in', async () => {
    for (const token of ['x'.repeat(43), 'not a token', undefined]) {
      const result = await pressContinue(token);
      expect(result.location).toBe('/sign-in?error=VerifiedLinkExpired&callbackUrl=%2Fonboarding');
      expect(result.cookies.filter((name) => name.endsWith('session-token'))).toEqual([]);
    }
  });

  it('an account with 2FA on goes to the second step instead', async () => {
    const { user } = await enrolledUser();
    await withSystem('test', (tx) => tx.update(users).set({ emailVerified: null }).where(eq(users.id, user.id)));
    const { token } = await confirmedUser(user);
    const result = await pressContinue(token);
    expect(result.location).toBe('/sign-in/two-factor');
    expect(result.cookies).toEqual(['tessera.2fa']);
    expect(await sessionsOf(user.id)).toEqual([]);
  });
});
