'use server';

import { completeTwoFactorSignIn, type TwoFactorFormState } from '@/lib/auth/two-factor/challenge';

export async function twoFactorSignInAction(previous: TwoFactorFormState, formData: FormData): Promise<TwoFactorFormState> {
  return completeTwoFactorSignIn(previous, formData);
}
