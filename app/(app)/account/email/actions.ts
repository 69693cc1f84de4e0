'use server';

import { z } from 'zod';
import type { EmailChangeState } from '@/components/account/email-change-form';
import { emailChangeSchema, requestEmailChange } from '@/lib/auth/email-change';
import { textFields } from '@/lib/auth/form-state';
import { requireUser } from '@/lib/tenancy/session';

export async function requestEmailChangeAction(_previous: EmailChangeState, formData: FormData): Promise<EmailChangeState> {
  const user = await requireUser();
  const fields = textFields(formData);
  const values = { email: fields.email ?? '' };
  const parsed = emailChangeSchema.safeParse(fields);
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  const outcome = await requestEmailChange(user.id, parsed.data);
  if (!outcome.ok) {
    return outcome.field ? { ok: false, fieldErrors: { [outcome.field]: [outcome.message] }, values } : { ok: false, message: outcome.message, values };
  }
  return {
    ok: true,
    message: `We sent a confirmation link to ${outcome.newEmail}. Your address changes when you open it; until then, keep using your current one.`,
  };
}
