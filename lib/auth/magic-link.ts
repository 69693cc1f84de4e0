import { sendTemplate } from '@/lib/email/templates';
import { getLogger } from '@/lib/observability/logger';
import { emailKey, limitAccount } from './account-limits';

/**
 * Auth.js's sendVerificationRequest for the `email` provider. The per-address limit is checked
 * here, after Auth.js stored its token, so a direct POST to /api/auth/signin/email is limited too;
 * a refused send is silent, exactly like a send to an address without an account.
 */
export async function sendMagicLinkEmail({ identifier, url, expires }: { identifier: string; url: string; expires: Date }): Promise<void> {
  const limit = await limitAccount('magicLinkEmail', emailKey(identifier));
  if (!limit.success) {
    getLogger({ component: 'auth' }).info({ reason: 'rate_limited' }, 'magic link not sent');
    return;
  }
  const expiresInMinutes = Math.max(1, Math.round((expires.getTime() - Date.now()) / 60_000));
  await sendTemplate('magic-link', identifier, { url, expiresInMinutes });
}
