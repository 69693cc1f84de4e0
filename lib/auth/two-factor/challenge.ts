import { eq, sql } from 'drizzle-orm';
import { cookies } from 'next/headers';
import { AuthError } from 'next-auth';
import { z } from 'zod';
import { withSystem, type Tx } from '@/db/tenant';
import { authTokens, users } from '@/db/schema';
import { consumeAuthToken, createAuthToken, inspectAuthToken } from '../tokens';
import type { SignInMethod } from '../sessions';
import { safeCallbackPath } from '../safe-redirect';
import { setTokenCookie } from '../token-cookie';
import { verifySecondFactor } from './verify-code';

export const CHALLENGE_COOKIE = 'tessera.2fa';
const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const MAX_CODE_ATTEMPTS = 5;

type ChallengeData = { method: SignInMethod; redirectTo: string; attempts: number };

/**
 * First factor passed, second pending: a single-use, five-minute token in an httpOnly cookie.
 * Called inside the request that verified the first factor (Auth.js authorize or signIn callback).
 */
export async function startTwoFactorChallenge(
  tx: Tx,
  user: { id: string; email: string },
  method: SignInMethod,
  redirectTo: string,
): Promise<void> {
  const data: ChallengeData = { method, redirectTo: safeCallbackPath(redirectTo), attempts: 0 };
  const token = await createAuthToken(tx, { userId: user.id, email: user.email, purpose: 'two_factor_challenge', ttlMs: CHALLENGE_TTL_MS, data });
  await setTokenCookie(CHALLENGE_COOKIE, token, { maxAgeMs: CHALLENGE_TTL_MS });
}

export async function hasPendingChallenge(): Promise<boolean> {
  const token = (await cookies()).get(CHALLENGE_COOKIE)?.value;
  if (!token) return false;
  const row = await withSystem('auth: 2fa challenge lookup', (tx) => inspectAuthToken(tx, 'two_factor_challenge', token));
  return typeof row !== 'string';
}

export type SecondFactorUser = { id: string; email: string; name: string | null; image: string | null; tokenVersion: number; method: SignInMethod };

/**
 * The `two-factor` provider's check: the challenge cookie plus a TOTP or recovery code. Five wrong
 * codes spend the challenge, so the code can't be brute-forced within its five minutes.
 */
export async function authorizeSecondFactor(code: string, now = new Date()): Promise<SecondFactorUser | null> {
  const jar = await cookies();
  const token = jar.get(CHALLENGE_COOKIE)?.value;
  if (!token) return null;
  const result = await withSystem('auth: 2fa challenge verify', async (tx) => {
    const challenge = await inspectAuthToken(tx, 'two_factor_challenge', token, now);
    if (typeof challenge === 'string' || !challenge.userId) return null;
    const data = challenge.data as ChallengeData;
    const factor = await verifySecondFactor(tx, challenge.userId, code, now);
    if (!factor) {
      const attempts = (data.attempts ?? 0) + 1;
      await tx
        .update(authTokens)
        .set({
          data: sql`jsonb_set(${authTokens.data}, '{attempts}', ${JSON.stringify(attempts)}::jsonb)`,
          ...(attempts >= MAX_CODE_ATTEMPTS ? { usedAt: now } : {}),
        })
        .where(eq(authTokens.id, challenge.id));
      return null;
    }
    const spent = await consumeAuthToken(tx, 'two_factor_challenge', token, now);
    if (typeof spent === 'string') return null;
    const [user] = await tx.select().from(users).where(eq(users.id, challenge.userId)).limit(1);
    if (!user) return null;
    const method = (data.method.endsWith('+2fa') ? data.method : `${data.method}+2fa`) as SignInMethod;
    return { id: user.id, email: user.email, name: user.name, image: user.image, tokenVersion: user.tokenVersion, method };
  });
  if (result) jar.delete(CHALLENGE_COOKIE);
  return result;
}

async function challengeRedirect(): Promise<string> {
  const token = (await cookies()).get(CHALLENGE_COOKIE)?.value;
  if (!token) return '/w';
  const row = await withSystem('auth: 2fa challenge redirect', (tx) => inspectAuthToken(tx, 'two_factor_challenge', token));
  return typeof row === 'string' ? '/w' : safeCallbackPath((row.data as ChallengeData).redirectTo);
}

const codeSchema = z
  .string({ error: 'Enter the code from your authenticator app.' })
  .trim()
  .min(6, { error: 'Enter the 6-digit code, or a recovery code.' })
  .max(32, { error: 'That code is too long.' });

export type TwoFactorFormState = { message?: string; fieldErrors?: { code?: string[] } } | null;

/** Server-action body for the second sign-in step. Redirects on success. */
export async function completeTwoFactorSignIn(_previous: TwoFactorFormState, formData: FormData): Promise<TwoFactorFormState> {
  const parsed = codeSchema.safeParse(formData.get('code'));
  if (!parsed.success) return { fieldErrors: { code: parsed.error.issues.map((i) => i.message) } };
  if (!(await hasPendingChallenge())) {
    return { message: 'This sign-in has expired. Start again from the sign-in page.' };
  }
  const redirectTo = await challengeRedirect();
  const { signIn } = await import('../index');
  try {
    await signIn('two-factor', { code: parsed.data, redirectTo });
    return null;
  } catch (error) {
    if (error instanceof AuthError) {
      return (await hasPendingChallenge())
        ? { fieldErrors: { code: ['That code didn’t work. Check your authenticator app and try again.'] } }
        : { message: 'Too many wrong codes, or the sign-in expired. Start again from the sign-in page.' };
    }
    throw error;
  }
}
