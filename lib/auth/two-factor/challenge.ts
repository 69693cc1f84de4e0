import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/tenant';
import { authTokens, users } from '@/db/schema';
import { consumeAuthToken, createAuthToken, inspectAuthToken } from '../tokens';
import type { SignInMethod } from '../sessions';
import { safeCallbackPath } from '../safe-redirect';
import { verifySecondFactor } from './verify-code';

// The data side of the second sign-in step: rows only. Reading and setting the challenge cookie
// is challenge-cookie.ts's job, so this file needs neither the request nor Auth.js.

export const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const MAX_CODE_ATTEMPTS = 5;

type ChallengeData = { method: SignInMethod; redirectTo: string; attempts: number };

/**
 * First factor passed, second pending: a single-use, five-minute token. The caller hands it to
 * the browser (setChallengeCookie) once the transaction has committed.
 */
export function createTwoFactorChallenge(
  tx: Tx,
  user: { id: string; email: string },
  method: SignInMethod,
  redirectTo: string,
  now: Date = new Date(),
): Promise<string> {
  const data: ChallengeData = { method, redirectTo: safeCallbackPath(redirectTo), attempts: 0 };
  return createAuthToken(tx, { userId: user.id, email: user.email, purpose: 'two_factor_challenge', ttlMs: CHALLENGE_TTL_MS, data, now });
}

/** The pending challenge's landing path, or null when the token is spent, expired or unknown. */
export async function pendingChallenge(tx: Tx, token: string, now: Date = new Date()): Promise<{ redirectTo: string } | null> {
  const row = await inspectAuthToken(tx, 'two_factor_challenge', token, now);
  if (typeof row === 'string') return null;
  return { redirectTo: safeCallbackPath((row.data as ChallengeData).redirectTo) };
}

export type SecondFactorUser = { id: string; email: string; name: string | null; image: string | null; tokenVersion: number; method: SignInMethod };

/**
 * Checks a TOTP or recovery code against the challenge and spends it on success. Five wrong
 * codes spend the challenge too, so the code can't be brute-forced within its five minutes.
 */
export async function spendTwoFactorChallenge(tx: Tx, token: string, code: string, now: Date = new Date()): Promise<SecondFactorUser | null> {
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
}
