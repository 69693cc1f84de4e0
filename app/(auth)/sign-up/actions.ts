'use server';

import { redirect, unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import type { SignUpState } from '@/components/auth/sign-up-form';
import { signIn } from '@/lib/auth';
import { limitAccount, TOO_MANY_REQUESTS } from '@/lib/auth/account-limits';
import { textFields } from '@/lib/auth/form-state';
import { signUpSchema, signUpWithPassword } from '@/lib/auth/sign-up';
import { getLogger } from '@/lib/observability/logger';
import { requestMeta } from '@/lib/tenancy/request-meta';

// Both outcomes end here: the page must not tell a new account from an existing address.
const CHECK_EMAIL = '/check-email?kind=sign-up';

export async function signUpAction(_previous: SignUpState, formData: FormData): Promise<SignUpState> {
  const fields = textFields(formData);
  const values = { name: fields.name ?? '', email: fields.email ?? '' };
  const parsed = signUpSchema.safeParse(fields);
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values };

  const meta = await requestMeta();
  if (!(await limitAccount('signUpIp', meta.ip ?? 'unknown')).success) return { message: TOO_MANY_REQUESTS, values };

  const outcome = await signUpWithPassword(parsed.data, meta);
  if (outcome.status === 'created') {
    try {
      // Signs in and redirects (throws NEXT_REDIRECT), so the verified page can lead straight on.
      await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, redirectTo: CHECK_EMAIL });
    } catch (error) {
      unstable_rethrow(error);
      getLogger({ component: 'sign-up' }).warn({ err: error }, 'sign-in after sign-up failed');
    }
  }
  redirect(CHECK_EMAIL);
}
