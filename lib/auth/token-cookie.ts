import { cookies } from 'next/headers';

/**
 * Hands a single-use token to the browser for one step of a sign-in flow: httpOnly (no script
 * reads it), Lax (it still rides a provider's top-level redirect back), expiring with the token.
 * `Secure` only in production, where the app is served over HTTPS.
 */
export async function setTokenCookie(name: string, token: string, options: { maxAgeMs: number; path?: string }): Promise<void> {
  (await cookies()).set(name, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: process.env.NODE_ENV === 'production' && process.env.APP_ENV === 'production',
    path: options.path ?? '/',
    maxAge: Math.floor(options.maxAgeMs / 1000),
  });
}
