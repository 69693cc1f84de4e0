import { withSystem } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { signIn } from './index';
import { OAUTH_LINK_COOKIE, OAUTH_LINK_TTL_MS, startOAuthLink } from './oauth-link';
import type { OAuthProviderId } from './oauth-providers';
import { SECURITY_PATH } from './paths';
import { setTokenCookie } from './token-cookie';

/**
 * Starts "Connect Google/GitHub": records the intent, hands its token to the browser in a cookie
 * only the Auth.js callback receives, and redirects to the provider (signIn throws the redirect).
 * Throws AppError when the account may not link.
 */
export async function connectOAuthProvider(userId: string, provider: OAuthProviderId): Promise<never> {
  const started = await withSystem('auth: oauth link start', (tx) => startOAuthLink(tx, userId, provider));
  if (!started.ok) throw new AppError('validation_failed', started.message);
  // Scoped to Auth.js's routes: only the provider's callback reads it.
  await setTokenCookie(OAUTH_LINK_COOKIE, started.token, { maxAgeMs: OAUTH_LINK_TTL_MS, path: '/api/auth' });
  await signIn(provider, { redirectTo: SECURITY_PATH });
  throw new Error('signIn returned without redirecting');
}
