'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { publicAction } from '@/lib/actions/public-action';
import { secret } from '@/lib/actions/secret';
import { signIn } from '@/lib/auth';
import { resendVerificationFromToken } from '@/lib/auth/email-verification';
import { verifiedSignInNext, verifiedSignInTokenSchema } from '@/lib/auth/verified-link-sign-in';

// Both buttons always end in a redirect, whatever the token: a missing or forged one reads as
// absent (`catch`), so neither form can show a different answer for it.

const resendInput = z.object({ token: secret(z.string().max(200).optional().catch(undefined)) });

/** "Send a new link" on an expired link's page (the per-account limit is in lib). */
export const resendFromLinkAction = publicAction({ input: resendInput, component: 'verify-email' }, async ({ input }) => {
  if (input.token) await resendVerificationFromToken(input.token);
  redirect('/check-email?kind=verify');
});

const continueInput = z.object({ token: secret(verifiedSignInTokenSchema.optional().catch(undefined)) });

/** "Continue" on the confirmed page: signs the new account in and goes on to onboarding or its invitation. */
export const continueSignedInAction = publicAction({ input: continueInput, component: 'verify-email' }, async ({ input }) => {
  const next = input.token ? await verifiedSignInNext(input.token) : '/onboarding';
  try {
    if (input.token) await signIn('verified-link', { token: input.token, redirectTo: next });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    if ((error as AuthError & { code?: string }).code === 'two_factor_required') redirect('/sign-in/two-factor');
  }
  // Expired, used or forged: the address is confirmed all the same, a password or email link finishes.
  redirect(`/sign-in?${new URLSearchParams({ error: 'VerifiedLinkExpired', callbackUrl: next })}`);
});
