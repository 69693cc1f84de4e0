'use server';

import { startOAuthSignIn } from '@/lib/auth/oauth-sign-in';
import { signInWithPassword, type SignInState } from '@/lib/auth/sign-in';

export async function signInAction(previous: SignInState, formData: FormData): Promise<SignInState> {
  return signInWithPassword(previous, formData);
}

export async function oauthSignInAction(formData: FormData): Promise<void> {
  await startOAuthSignIn(formData);
}
