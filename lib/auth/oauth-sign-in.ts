import { z } from 'zod';
import { signIn } from './index';
import { OAUTH_PROVIDERS } from './oauth-providers';
import { safeCallbackPath } from './safe-redirect';

const providerSchema = z.enum(OAUTH_PROVIDERS);

/** Starts an OAuth sign-in from the sign-in page. */
export async function startOAuthSignIn(formData: FormData): Promise<void> {
  const provider = providerSchema.parse(formData.get('provider'));
  await signIn(provider, { redirectTo: safeCallbackPath(formData.get('callbackUrl')) });
}
