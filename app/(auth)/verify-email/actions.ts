'use server';

import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn } from '@/lib/auth';
import { resendVerificationFromToken } from '@/lib/auth/email-verification';
import { verifiedSignInNext, verifiedSignInTokenSchema } from '@/lib/auth/verified-link-sign-in';

export async function resendFromLinkAction(formData: FormData): Promise<void> {
  const token = z.string().max(200).safeParse(formData.get('token'));
  if (token.success) await resendVerificationFromToken(token.data);
  redirect('/check-email?kind=verify');
}

/** "Continue" on the confirmed page: signs the new account in and goes on to onboarding or its invitation. */
export async function continueSignedInAction(formData: FormData): Promise<void> {
  const token = verifiedSignInTokenSchema.safeParse(formData.get('token'));
  const next = token.success ? await verifiedSignInNext(token.data) : '/onboarding';
  try {
    if (token.success) await signIn('verified-link', { token: token.data, redirectTo: next });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    if ((error as AuthError & { code?: string }).code === 'two_factor_required') redirect('/sign-in/two-factor');
  }
  // Expired, used or forged: the address is confirmed all the same, a password or email link finishes.
  redirect(`/sign-in?${new URLSearchParams({ error: 'VerifiedLinkExpired', callbackUrl: next })}`);
}
