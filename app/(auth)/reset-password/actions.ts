'use server';

import { z } from 'zod';
import type { ResetPasswordState } from '@/components/auth/reset-password-form';
import { textFields } from '@/lib/auth/form-state';
import { resetPassword, resetPasswordSchema } from '@/lib/auth/password-reset';
import { requestMeta } from '@/lib/tenancy/request-meta';

const PROBLEM_MESSAGES = {
  expired: 'This reset link has expired.',
  used: 'This reset link was already used.',
  invalid: 'This reset link doesn’t work.',
} as const;

export async function resetPasswordAction(_previous: ResetPasswordState, formData: FormData): Promise<ResetPasswordState> {
  const parsed = resetPasswordSchema.safeParse(textFields(formData));
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    if (fieldErrors.token) return { message: PROBLEM_MESSAGES.invalid, expired: true };
    return { fieldErrors: { password: fieldErrors.password, confirm: fieldErrors.confirm } };
  }
  const outcome = await resetPassword(parsed.data, await requestMeta());
  if (outcome.ok) return { ok: true };
  if (outcome.reason === 'weak') return { fieldErrors: { password: [outcome.message] } };
  return { message: PROBLEM_MESSAGES[outcome.reason], expired: true };
}
