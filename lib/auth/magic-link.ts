import { AsyncLocalStorage } from 'node:async_hooks';
import { clientIp, ipBucket, UNKNOWN_IP } from '@/lib/http/client-ip';
import { withSystem } from '@/db/tenant';
import { startEmailDelivery } from '@/lib/email';
import { queueTemplate } from '@/lib/email/templates';
import { getLogger } from '@/lib/observability/logger';
import { emailKey, limitAccount, limitAccountAll } from './account-limits';

/**
 * Set while the magic-link form action runs signIn: the action already counted this request
 * against MAGIC_LINK_IP_LIMITS (and could say "too many requests"), so the send doesn't count it twice.
 */
const ipAlreadyCounted = new AsyncLocalStorage<true>();

/** The per-IP rows, in the order the form action counts them (its `rateLimit` option). */
export const MAGIC_LINK_IP_LIMITS = ['magicLinkIpMinute', 'magicLinkIp'] as const;

export function withMagicLinkIpCounted<T>(work: () => Promise<T>): Promise<T> {
  return ipAlreadyCounted.run(true, work);
}

/**
 * Auth.js's sendVerificationRequest for the `email` provider: every sign-in email passes here,
 * whether it came from the form or a direct POST to /api/auth/signin/email, so both limits live
 * here. Per IP (MAGIC_LINK_IP_LIMITS, the same buckets the form action counts) and per address
 * (`magicLinkEmail`). A refused send is silent, exactly like a send to an address without an
 * account: Auth.js answers the same redirect either way, so no limit tells anyone which addresses
 * exist. The email is committed before this returns, so before Auth.js answers (it awaits this
 * and its own token write together); an unsent token simply expires.
 */
export async function sendMagicLinkEmail({
  identifier,
  url,
  expires,
  request,
}: {
  identifier: string;
  url: string;
  expires: Date;
  request?: Request;
}): Promise<void> {
  const ip = request ? clientIp(request.headers) : UNKNOWN_IP;
  // The same bucket as the form action's (lib/actions/rate-limit.ts), skipped alike for an unknown IP.
  if (!ipAlreadyCounted.getStore() && ip !== UNKNOWN_IP) {
    const perIp = await limitAccountAll(MAGIC_LINK_IP_LIMITS, `ip:${ipBucket(ip)}`);
    if (!perIp.success) {
      getLogger({ component: 'auth' }).info({ reason: 'rate_limited', limit: 'ip' }, 'magic link not sent');
      return;
    }
  }
  const limit = await limitAccount('magicLinkEmail', emailKey(identifier));
  if (!limit.success) {
    getLogger({ component: 'auth' }).info({ reason: 'rate_limited', limit: 'email' }, 'magic link not sent');
    return;
  }
  const expiresInMinutes = Math.max(1, Math.round((expires.getTime() - Date.now()) / 60_000));
  await withSystem('email: magic link', (tx) => queueTemplate(tx, 'magic-link', identifier, { url, expiresInMinutes }));
  startEmailDelivery();
}
