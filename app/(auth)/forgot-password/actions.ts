'use server';

import { after } from 'next/server';
import { redirect } from 'next/navigation';
import { publicAction } from '@/lib/actions/public-action';
import { forgotPasswordSchema, limitPasswordResetEmail, requestPasswordReset } from '@/lib/auth/password-reset';
import { getLogger } from '@/lib/observability/logger';

export const forgotPasswordAction = publicAction(
  { input: forgotPasswordSchema, rateLimit: 'resetIp', component: 'password-reset' },
  async ({ input }) => {
    await limitPasswordResetEmail(input.email);
    // After the response: how long the lookup and send take can't tell anyone whether the account exists.
    after(async () => {
      try {
        await requestPasswordReset(input.email);
      } catch (error) {
        getLogger({ component: 'password-reset' }).error({ err: error }, 'password reset email failed');
      }
    });
    redirect('/check-email?kind=reset');
  },
);
