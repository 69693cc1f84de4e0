'use server';

import { signInWithPassword, type SignInState } from '@/lib/auth/sign-in';

export async function signInAction(previous: SignInState, formData: FormData): Promise<SignInState> {
  return signInWithPassword(previous, formData);
}
