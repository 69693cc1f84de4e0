'use server';

import { after } from 'next/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ForgotPasswordState } from '@/components/auth/forgot-password-form';
import { TOO_MANY_REQUESTS } from '@/lib/auth/account-limits';
import { forgotPasswordSchema, limitPasswordResetRequest, requestPasswordReset } from '@/lib/auth/password-reset';
import { getLogger } from '@/lib/observability/logger';
import { requestMeta } from '@/lib/tenancy/request-meta';

export async function forgotPasswordAction(_previous: ForgotPasswordState, formData: FormData): Promise<ForgotPasswordState> {
  const raw = typeof formData.get('email') === 'string' ? String(formData.get('email')) : '';
  const parsed = forgotPasswordSchema.safeParse({ email: raw });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values: { email: raw } };
  const { ip } = await requestMeta();
  if (!(await limitPasswordResetRequest(parsed.data.email, ip ?? 'unknown'))) return { message: TOO_MANY_REQUESTS, values: { email: raw } };

  // After the response: how long the lookup and send take can't tell anyone whether the account exists.
  after(async () => {
    try {
      await requestPasswordReset(parsed.data.email);
    } catch (error) {
      getLogger({ component: 'password-reset' }).error({ err: error }, 'password reset email failed');
    }
  });
  redirect('/check-email?kind=reset');
}
