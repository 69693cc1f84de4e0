import { cookies } from 'next/headers';
import { withSystem } from '@/db/tenant';
import { requestMeta } from '@/lib/tenancy/request-meta';
import { completeOAuthLink, OAUTH_LINK_COOKIE, userForIdentity, type ProviderIdentity } from './oauth-link';
import { isOAuthProvider } from './oauth-providers';
import { SECURITY_PATH, TWO_FACTOR_PATH } from './paths';
import { pendingCallbackPath } from './pending-callback';
import { createTwoFactorChallenge } from './two-factor/challenge';
import { setChallengeCookie } from './two-factor/challenge-cookie';

type ProviderAccount = { provider: string; providerAccountId: string; type: string };
type ProviderProfile = { email?: unknown; email_verified?: unknown } | undefined;

function identityOf(account: ProviderAccount, profile: ProviderProfile): ProviderIdentity | null {
  if (!isOAuthProvider(account.provider) || (account.type !== 'oauth' && account.type !== 'oidc')) return null;
  return {
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    type: account.type,
    // The provider's own claims, not Auth.js's user: for a linked identity that is our row.
    email: typeof profile?.email === 'string' ? profile.email : null,
    emailVerified: profile?.email_verified === true,
  };
}

/**
 * Auth.js's signIn callback for Google and GitHub: `true` lets Auth.js sign in (or create the
 * account), a path redirects instead.
 * - With a link intent (Account → Security → Connect) the identity is attached to that account
 *   and the person returns to the security page, still in the session they started from.
 * - An identity already linked signs in to its account, through 2FA when the account has it on.
 * - A new identity creates an account only for an address the provider has verified; an address
 *   that already has an account is refused by Auth.js (OAuthAccountNotLinked).
 */
export async function decideOAuthSignIn(account: ProviderAccount, profile: ProviderProfile): Promise<true | string> {
  const identity = identityOf(account, profile);
  if (!identity) return true;
  const jar = await cookies();
  const intent = jar.get(OAUTH_LINK_COOKIE)?.value;
  if (intent) {
    jar.delete(OAUTH_LINK_COOKIE);
    const meta = await requestMeta();
    const { outcome } = await withSystem('auth: oauth link', (tx) => completeOAuthLink(tx, intent, identity, meta));
    return `${SECURITY_PATH}?connect=${outcome}&provider=${identity.provider}`;
  }
  const target = await pendingCallbackPath();
  const state = await withSystem('auth: oauth sign-in', async (tx) => {
    const linked = await userForIdentity(tx, identity.provider, identity.providerAccountId);
    if (!linked) return 'new' as const;
    if (!linked.totpEnabledAt) return 'linked' as const;
    return { challenge: await createTwoFactorChallenge(tx, linked, 'oauth', target) };
  });
  if (typeof state === 'object') {
    await setChallengeCookie(state.challenge);
    return TWO_FACTOR_PATH;
  }
  if (state === 'new' && (!identity.email || !identity.emailVerified)) return '/sign-in?error=OAuthEmailUnverified';
  return true;
}
