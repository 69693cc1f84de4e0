import { z } from 'zod';
import { withSystem, type Tx } from '@/db/tenant';
import { safeCallbackPath } from './safe-redirect';
import { createAuthToken, findAuthToken } from './tokens';

// Sign-up never signs in (a session cookie for new addresses only would tell which ones already
// have an account). The first confirmation link does instead, through a button on the confirmed
// page that posts this token: a mail scanner that opens the link doesn't press it.
export const VERIFIED_SIGN_IN_TTL_MS = 15 * 60 * 1000;
export const VERIFIED_SIGN_IN_DEFAULT_NEXT = '/onboarding';
const DEFAULT_NEXT = VERIFIED_SIGN_IN_DEFAULT_NEXT;

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
