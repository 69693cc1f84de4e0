import { and, gt, isNull, or, type SQL } from 'drizzle-orm';
import { apiKeys } from '@/db/schema';

export type ApiKeyStatus = 'active' | 'rotating' | 'rotated' | 'expired' | 'revoked';

export type StatusFields = { revokedAt: Date | null; expiresAt: Date | null; graceUntil: Date | null };

/** Where a key stands at `now`: rotating keys still work until graceUntil, then they are rotated (dead). */
export function apiKeyStatus(key: StatusFields, now: Date): ApiKeyStatus {
  if (key.revokedAt) return 'revoked';
  if (key.expiresAt && key.expiresAt <= now) return 'expired';
  if (key.graceUntil) return key.graceUntil > now ? 'rotating' : 'rotated';
  return 'active';
}

export function keyWorks(key: StatusFields, now: Date): boolean {
  const status = apiKeyStatus(key, now);
  return status === 'active' || status === 'rotating';
}

/** The same rule as SQL: keys that still authenticate at `now` (their creator's membership aside). */
export function workingKeyAt(now: Date): SQL {
  return and(
    isNull(apiKeys.revokedAt),
    or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
    or(isNull(apiKeys.graceUntil), gt(apiKeys.graceUntil, now)),
  )!;
}
