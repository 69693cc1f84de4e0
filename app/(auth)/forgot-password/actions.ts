'use server';

import { redirect } from 'next/navigation';
import { publicAction } from '@/lib/actions/public-action';
import { forgotPasswordSchema, limitPasswordResetEmail, requestPasswordReset, RESET_REQUEST_TIME_FLOOR_MS } from '@/lib/auth/password-reset';
import { withTimeFloor } from '@/lib/auth/time-floor';

export const forgotPasswordAction = publicAction(
  { input: forgotPasswordSchema, rateLimit: ['resetIpMinute', 'resetIp'], component: 'password-reset' },
  async ({ input }) => {
    await limitPasswordResetEmail(input.email);
    // The link is committed before the answer (a crash after it loses nothing); the floor keeps
    // the answer's timing the same for addresses with and without an account.
    await withTimeFloor(RESET_REQUEST_TIME_FLOOR_MS, () => requestPasswordReset(input.email));
    redirect('/check-email?kind=reset');
  },
);
