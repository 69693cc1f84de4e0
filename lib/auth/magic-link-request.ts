import { redirect } from 'next/navigation';
import { getLogger } from '@/lib/observability/logger';
import { signIn } from './index';
import { withMagicLinkIpCounted } from './magic-link';

export const MAGIC_LINK_SENT_PATH = '/check-email?kind=sign-in';

/**
 * The "email me a sign-in link" form. Auth.js stores the token and calls sendMagicLinkEmail; the
 * answer is the same "check your email" page whether or not the address has an account (Auth.js
 * creates one on first use, and events.createUser gives it a workspace). The per-IP limit is the
 * action's (`rateLimit: MAGIC_LINK_IP_LIMITS`, so the form can say "too many requests"); sendMagicLinkEmail
 * counts the same bucket for every other way in (a direct POST to /api/auth/signin/email) and
 * skips it here, and always applies the per-address one.
 */
export async function requestMagicLink(input: { email: string; callbackUrl: string }): Promise<never> {
  try {
    await withMagicLinkIpCounted(() => signIn('email', { email: input.email, redirectTo: input.callbackUrl, redirect: false }));
  } catch (error) {
    // Whatever failed (delivery, a provider error), the answer can't differ by address.
    getLogger({ component: 'magic-link' }).error({ err: error }, 'magic link request failed');
  }
  redirect(MAGIC_LINK_SENT_PATH);
}
