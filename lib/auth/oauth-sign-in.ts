import { z } from 'zod';
import { signIn } from './index';
import { OAUTH_PROVIDERS, type OAuthProviderId } from './oauth-providers';
import { callbackPathField } from './schemas';

export const oauthProviderSchema = z.object({
  provider: z.enum(OAUTH_PROVIDERS, { error: 'Choose Google or GitHub.' }),
});

export const oauthSignInSchema = oauthProviderSchema.extend({ callbackUrl: callbackPathField });

/** Starts an OAuth sign-in from the sign-in or sign-up page: Auth.js redirects to the provider. */
export async function startOAuthSignIn(provider: OAuthProviderId, callbackUrl: string): Promise<null> {
  await signIn(provider, { redirectTo: callbackUrl });
  return null;
}
