import { env } from '@/lib/env';
import { getLogger } from '@/lib/observability/logger';

const INTERVAL_MS = 60_000;
const state = globalThis as unknown as { __tesseraUnknownIpWarnedAt?: number; __tesseraUnknownIpCount?: number };

/**
 * One warning per minute while requests arrive without a trustworthy client IP: it means the
 * coarse per-IP limit is not applied, almost always because CLIENT_IP_SOURCE doesn't match the deployment.
 */
export function warnUnknownClientIp(pathname: string, now = Date.now()): boolean {
  state.__tesseraUnknownIpCount = (state.__tesseraUnknownIpCount ?? 0) + 1;
  const last = state.__tesseraUnknownIpWarnedAt;
  if (last !== undefined && now - last < INTERVAL_MS) return false;
  const config = env();
  getLogger({ component: 'client-ip' }).warn(
    {
      pathname,
      requests: state.__tesseraUnknownIpCount,
      source: config.CLIENT_IP_SOURCE,
      trustedProxyHops: config.TRUSTED_PROXY_HOPS,
    },
    'requests without a trustworthy client IP: the coarse per-IP limit is skipped for them (check CLIENT_IP_SOURCE / TRUSTED_PROXY_HOPS)',
  );
  state.__tesseraUnknownIpWarnedAt = now;
  state.__tesseraUnknownIpCount = 0;
  return true;
}
