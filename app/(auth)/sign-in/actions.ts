'use server';

import { publicAction } from '@/lib/actions/public-action';
import { oauthSignInSchema, startOAuthSignIn } from '@/lib/auth/oauth-sign-in';
import { signInFormSchema } from '@/lib/auth/schemas';
import { signInWithPassword } from '@/lib/auth/sign-in';

// The per-IP and per-address sign-in limits live in the credentials provider (they need the
// email, and a direct POST to Auth.js meets them too), so no `rateLimit` here.
export const signInAction = publicAction({ input: signInFormSchema, component: 'sign-in' }, ({ input }) => signInWithPassword(input));

export const oauthSignInAction = publicAction({ input: oauthSignInSchema, component: 'oauth-sign-in' }, ({ input }) =>
  startOAuthSignIn(input.provider, input.callbackUrl),
);
