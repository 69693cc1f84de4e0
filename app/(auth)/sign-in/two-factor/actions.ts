'use server';

import { publicAction } from '@/lib/actions/public-action';
import { signInCodeSchema } from '@/lib/auth/schemas';
import { completeTwoFactorSignIn } from '@/lib/auth/two-factor/sign-in-step';

// Brute force is bounded by the challenge itself: five wrong codes spend it.
export const twoFactorSignInAction = publicAction({ input: signInCodeSchema, component: 'two-factor-sign-in' }, ({ input }) =>
  completeTwoFactorSignIn(input),
);
