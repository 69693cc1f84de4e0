'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { success } from '@/lib/actions/result';
import { userAction } from '@/lib/actions/user-action';
import { resendVerification } from '@/lib/auth/email-verification';
import { profileSchema, updateProfile } from '@/lib/auth/profile';
import { AppError } from '@/lib/errors/app-error';

// The limit (verifyResendUser) stays in lib: it is one budget per account, shared with the
// expired link's "send a new link", which only learns the account from the token.
export const resendVerificationAction = userAction({ input: z.object({}), component: 'account' }, async ({ user }) => {
  const outcome = await resendVerification(user.id);
  if (!outcome.ok) throw new AppError('rate_limited', outcome.message);
  return success(null, { message: outcome.sent ? 'Sent. Check your inbox.' : 'Your address is already confirmed.' });
});

export const updateProfileAction = userAction({ input: profileSchema, component: 'account' }, async ({ input, user }) => {
  await updateProfile(user.id, input);
  revalidatePath('/account', 'layout');
  const { name, image, timezone, currency } = input;
  return success(null, { message: 'Profile saved.', values: { name, image: image ?? '', timezone, currency } });
});
