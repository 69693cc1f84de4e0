'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ResendVerificationState } from '@/components/account/resend-verification-button';
import type { ProfileFormState } from '@/components/account/profile-form';
import { resendVerification } from '@/lib/auth/email-verification';
import { textFields } from '@/lib/auth/form-state';
import { profileSchema, updateProfile } from '@/lib/auth/profile';
import { requireUser } from '@/lib/tenancy/session';

export async function resendVerificationAction(): Promise<ResendVerificationState> {
  const user = await requireUser();
  const outcome = await resendVerification(user.id);
  if (!outcome.ok) return { ok: false, message: outcome.message };
  return { ok: true, message: outcome.sent ? 'Sent. Check your inbox.' : 'Your address is already confirmed.' };
}

export async function updateProfileAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const user = await requireUser();
  const fields = textFields(formData);
  const parsed = profileSchema.safeParse(fields);
  if (!parsed.success) {
    return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors: z.flattenError(parsed.error).fieldErrors, values: fields };
  }
  await updateProfile(user.id, parsed.data);
  revalidatePath('/account', 'layout');
  const { name, image, timezone, currency } = parsed.data;
  return { ok: true, message: 'Profile saved.', values: { name, image: image ?? '', timezone, currency } };
}
