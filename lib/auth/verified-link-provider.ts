import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { TwoFactorRequired } from './password-sign-in';
import { safeCallbackPath } from './safe-redirect';
import { consumeAuthToken, isAuthTokenProblem } from './tokens';
import { createTwoFactorChallenge } from './two-factor/challenge';
import { setChallengeCookie } from './two-factor/challenge-cookie';
import { VERIFIED_SIGN_IN_DEFAULT_NEXT, verifiedSignInTokenSchema } from './verified-link-sign-in';

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
      const next = safeCallbackPath(token.data.next, VERIFIED_SIGN_IN_DEFAULT_NEXT);
      return { challenge: await createTwoFactorChallenge(tx, user, 'magic-link', next, now) };
    }
    return { user: { id: user.id, email: user.email, name: user.name, image: user.image, tokenVersion: user.tokenVersion } };
  });
  if (result?.challenge) {
    await setChallengeCookie(result.challenge);
    throw new TwoFactorRequired();
  }
  return result?.user ?? null;
}
