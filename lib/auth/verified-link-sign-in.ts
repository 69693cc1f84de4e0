import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { withSystem, type Tx } from '@/db/tenant';
import { TwoFactorRequired } from './password-sign-in';
import { safeCallbackPath } from './safe-redirect';
import { consumeAuthToken, createAuthToken, findAuthToken, isAuthTokenProblem } from './tokens';
import { startTwoFactorChallenge } from './two-factor/challenge';

// Sign-up never signs in (a session cookie for new addresses only would tell which ones already
// have an account). The first confirmation link does instead, through a button on the confirmed
// page that posts this token: a mail scanner that opens the link doesn't press it.
export const VERIFIED_SIGN_IN_TTL_MS = 15 * 60 * 1000;
const DEFAULT_NEXT = '/onboarding';

/** The form field's shape; anything else is refused before touching the database. */
export const verifiedSignInTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** Issued in the transaction that first confirms the address; only its SHA-256 is stored. */
export function issueVerifiedSignIn(tx: Tx, user: { id: string; email: string }, next: string, now: Date = new Date()): Promise<string> {
  return createAuthToken(tx, {
    userId: user.id,
    email: user.email,
    purpose: 'verified_sign_in',
    ttlMs: VERIFIED_SIGN_IN_TTL_MS,
    data: { next: safeCallbackPath(next, DEFAULT_NEXT) },
    now,
  });
}

/** Where the button leads, whatever the token's state: the sign-in page carries on there too. */
export async function verifiedSignInNext(raw: string): Promise<string> {
  const row = await withSystem('auth: verified link target', (tx) => findAuthToken(tx, 'verified_sign_in', raw));
  return safeCallbackPath(row?.data.next, DEFAULT_NEXT);
}

/**
 * The `verified-link` provider: spends the token and returns its user. The address must still be
 * the account's and confirmed. An account with 2FA on gets the second step, as after a password.
 */
export async function authorizeVerifiedLink(raw: unknown, now: Date = new Date()) {
  const parsed = z.object({ token: verifiedSignInTokenSchema }).safeParse(raw);
  if (!parsed.success) return null;
  const result = await withSystem('auth: verified link sign-in', async (tx) => {
    const token = await consumeAuthToken(tx, 'verified_sign_in', parsed.data.token, now);
    if (isAuthTokenProblem(token) || !token.userId) return null;
    const [user] = await tx.select().from(users).where(eq(users.id, token.userId)).limit(1);
    if (!user?.emailVerified || user.email.toLowerCase() !== token.email.toLowerCase()) return null;
    if (user.totpEnabledAt) {
      await startTwoFactorChallenge(tx, user, 'magic-link', safeCallbackPath(token.data.next, DEFAULT_NEXT));
      return 'two_factor_required' as const;
    }
    return { id: user.id, email: user.email, name: user.name, image: user.image, tokenVersion: user.tokenVersion };
  });
  if (result === 'two_factor_required') throw new TwoFactorRequired();
  return result;
}
