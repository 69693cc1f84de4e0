'use server';

import { success } from '@/lib/actions/result';
import { userAction } from '@/lib/actions/user-action';
import { emailChangeSchema, requestEmailChange } from '@/lib/auth/email-change';
import { AppError } from '@/lib/errors/app-error';

export const requestEmailChangeAction = userAction(
  { input: emailChangeSchema, rateLimit: { policy: 'emailChangeUser', by: 'user' }, component: 'email-change' },
  async ({ input, user }) => {
    const outcome = await requestEmailChange(user.id, input);
    if (!outcome.ok) throw new AppError('validation_failed', outcome.message, outcome.field ? { field: outcome.field } : undefined);
    return success(
      { newEmail: outcome.newEmail },
      {
        message: `We sent a confirmation link to ${outcome.newEmail}. Your address changes when you open it; until then, keep using your current one.`,
      },
    );
  },
);
