import { z } from 'zod';
import { signIn } from './index';
import { safeCallbackPath } from './safe-redirect';

const providerSchema = z.enum(['google', 'github']);

/**
 * Starts an OAuth sign-in. Auth.js refuses to attach an OAuth identity to an existing account by
 * email alone (OAuthAccountNotLinked): a person links it from a signed-in session instead.
 */
export async function startOAuthSignIn(formData: FormData): Promise<void> {
  const provider = providerSchema.parse(formData.get('provider'));
  await signIn(provider, { redirectTo: safeCallbackPath(formData.get('callbackUrl')) });
}
