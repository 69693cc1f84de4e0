import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getLogger } from '@/lib/observability/logger';
import { requestMeta } from '@/lib/tenancy/request-meta';
import { limitAccount, TOO_MANY_REQUESTS } from './account-limits';
import type { FormState } from './form-state';
import { signIn } from './index';
import { safeCallbackPath } from './safe-redirect';
import { emailSchema } from './schemas';

export type MagicLinkState = FormState<'email'>;

const magicLinkSchema = z.object({ email: emailSchema });

export const MAGIC_LINK_SENT_PATH = '/check-email?kind=sign-in';

/**
 * The "email me a sign-in link" form. Auth.js stores the token and calls sendMagicLinkEmail; the
 * answer is the same "check your email" page whether or not the address has an account (Auth.js
 * creates one on first use, and events.createUser gives it a workspace).
 */
export async function requestMagicLink(_previous: MagicLinkState, formData: FormData): Promise<MagicLinkState> {
  const raw = typeof formData.get('email') === 'string' ? String(formData.get('email')) : '';
  const parsed = magicLinkSchema.safeParse({ email: raw });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values: { email: raw } };

  const { ip } = await requestMeta();
  const limit = await limitAccount('magicLinkIp', ip ?? 'unknown');
  if (!limit.success) return { message: TOO_MANY_REQUESTS, values: { email: raw } };

  try {
    await signIn('email', {
      email: parsed.data.email,
      redirectTo: safeCallbackPath(formData.get('callbackUrl')),
      redirect: false,
    });
  } catch (error) {
    // Whatever failed (delivery, a provider error), the answer can't differ by address.
    getLogger({ component: 'magic-link' }).error({ err: error }, 'magic link request failed');
  }
  redirect(MAGIC_LINK_SENT_PATH);
}
