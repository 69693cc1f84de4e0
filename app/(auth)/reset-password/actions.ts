'use server';

import { publicAction } from '@/lib/actions/public-action';
import { failure } from '@/lib/actions/result';
import { AppError } from '@/lib/errors/app-error';
import { RESET_LINK_UNUSABLE } from '@/lib/auth/form-codes';
import { resetPassword, resetPasswordSchema } from '@/lib/auth/password-reset';

const PROBLEM_MESSAGES = {
  expired: 'This reset link has expired.',
  used: 'This reset link was already used.',
  invalid: 'This reset link doesn’t work.',
} as const;

export const resetPasswordAction = publicAction({ input: resetPasswordSchema, component: 'password-reset' }, async ({ input, meta }) => {
  if (!input.token) return failure(RESET_LINK_UNUSABLE, PROBLEM_MESSAGES.invalid);
  const outcome = await resetPassword(input, meta);
  if (outcome.ok) return null;
  if (outcome.reason === 'weak') throw new AppError('validation_failed', outcome.message, { field: 'password' });
  return failure(RESET_LINK_UNUSABLE, PROBLEM_MESSAGES[outcome.reason]);
});
