'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { SignUpState } from '@/components/auth/sign-up-form';
import { limitAccount, TOO_MANY_REQUESTS } from '@/lib/auth/account-limits';
import { textFields } from '@/lib/auth/form-state';
import { SIGN_UP_TIME_FLOOR_MS, signUpSchema, signUpWithPassword } from '@/lib/auth/sign-up';
import { withTimeFloor } from '@/lib/auth/time-floor';
import { requestMeta } from '@/lib/tenancy/request-meta';

// Both outcomes end here with the same response: the page must not tell a new account from an
// existing address. Nor may a cookie, so sign-up never signs in — the confirmation link does.
const CHECK_EMAIL = '/check-email?kind=sign-up';

export async function signUpAction(_previous: SignUpState, formData: FormData): Promise<SignUpState> {
  const fields = textFields(formData);
  const values = { name: fields.name ?? '', email: fields.email ?? '' };
  const parsed = signUpSchema.safeParse(fields);
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values };

  const meta = await requestMeta();
  if (!(await limitAccount('signUpIp', meta.ip ?? 'unknown')).success) return { message: TOO_MANY_REQUESTS, values };

  await withTimeFloor(SIGN_UP_TIME_FLOOR_MS, () => signUpWithPassword(parsed.data, meta));
  redirect(CHECK_EMAIL);
}
