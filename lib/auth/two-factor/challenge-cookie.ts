import { cookies } from 'next/headers';
import { withSystem } from '@/db/tenant';
import { setTokenCookie } from '../token-cookie';
import { CHALLENGE_TTL_MS, pendingChallenge, spendTwoFactorChallenge, type SecondFactorUser } from './challenge';

// The request side of the second sign-in step: the challenge token travels in an httpOnly cookie.

export const CHALLENGE_COOKIE = 'tessera.2fa';

/** Hands a challenge (createTwoFactorChallenge) to the browser; call it after the transaction commits. */
export function setChallengeCookie(token: string): Promise<void> {
  return setTokenCookie(CHALLENGE_COOKIE, token, { maxAgeMs: CHALLENGE_TTL_MS });
}

async function challengeToken(): Promise<string | null> {
  return (await cookies()).get(CHALLENGE_COOKIE)?.value ?? null;
}

/** The browser's pending challenge, or null: for the code page and the code form. */
export async function currentChallenge(): Promise<{ redirectTo: string } | null> {
  const token = await challengeToken();
  if (!token) return null;
  return withSystem('auth: 2fa challenge lookup', (tx) => pendingChallenge(tx, token));
}

export async function hasPendingChallenge(): Promise<boolean> {
  return (await currentChallenge()) !== null;
}

/** The `two-factor` provider's check: the challenge cookie plus a TOTP or recovery code. */
export async function authorizeSecondFactor(code: string, now = new Date()): Promise<SecondFactorUser | null> {
  const token = await challengeToken();
  if (!token) return null;
  const user = await withSystem('auth: 2fa challenge verify', (tx) => spendTwoFactorChallenge(tx, token, code, now));
  if (user) (await cookies()).delete(CHALLENGE_COOKIE);
  return user;
}
