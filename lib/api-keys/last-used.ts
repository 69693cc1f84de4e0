import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { apiKeys } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { getLogger } from '@/lib/observability/logger';

/** last_used_at/ip are written at most this often per key: a write per call would halve throughput. */
export const LAST_USED_INTERVAL_MS = 60_000;

// Keys this process has noted (or is noting) recently, so a burst of calls with the same key
// makes one write even before the first write commits. Bounded: cleared when it grows large,
// which at worst costs one extra write per key.
const notedAt = new Map<string, number>();
const MAX_TRACKED = 10_000;
const pending = new Set<Promise<void>>();

export function lastUsedIsStale(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_INTERVAL_MS;
}

/**
 * Records that the key was used, without delaying the caller: the write runs on its own and its
 * errors are logged, never thrown. The update's own condition keeps other processes from writing
 * the same minute again.
 */
export function noteKeyUsed(keyId: string, lastUsedAt: Date | null, ip: string | null, now: Date): void {
  if (!lastUsedIsStale(lastUsedAt, now)) return;
  const previous = notedAt.get(keyId);
  if (previous !== undefined && now.getTime() - previous < LAST_USED_INTERVAL_MS) return;
  if (notedAt.size >= MAX_TRACKED) notedAt.clear();
  notedAt.set(keyId, now.getTime());
  const staleBefore = new Date(now.getTime() - LAST_USED_INTERVAL_MS);
  const write = withSystem('api_keys: note last use', (tx) =>
    tx
      .update(apiKeys)
      .set({ lastUsedAt: now, lastUsedIp: ip?.slice(0, 64) ?? null })
      .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore)))),
  )
    .then(() => undefined)
    .catch((error: unknown) => {
      notedAt.delete(keyId);
      getLogger({ component: 'api-keys' }).warn({ err: error, keyId }, 'could not record API key use');
    })
    .finally(() => pending.delete(write));
  pending.add(write);
}

/** Waits for the usage writes in flight (shutdown, tests). */
export async function settleKeyUsageWrites(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}
