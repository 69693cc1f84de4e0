import { eq } from 'drizzle-orm';
import { billingAccounts } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { failSoft, kv } from '@/lib/redis';
import { loadEntitlements, type Entitlements } from './entitlements';

/**
 * Entitlements cached in the Redis layer per workspace as {version, validUntil, entitlements}.
 * Every transaction that changes what a workspace may do bumps billing_accounts.version
 * (bumpEntitlementsVersion) in that same transaction, and a cached copy is served only while the
 * row's version still equals the one it was computed at: one indexed read per call, and never a
 * stale plan after a subscription change commits. Time alone also changes the answer (a trial,
 * a grace period, a cancel-at-period-end or an override ends): the entry is valid only until the
 * earliest such moment. Outside transactions only; wrappers already inside one call
 * loadEntitlements(tx, …) directly.
 */

type Entry = { version: number; validUntil: string | null; entitlements: Entitlements };

const TTL_SECONDS = 24 * 3600;

export function entitlementsCacheKey(tenantId: string): string {
  return `ent:v1:${tenantId}`;
}

function readState(tenantId: string) {
  return withSystem('billing: entitlements version', async (tx) => {
    const [row] = await tx
      .select({ version: billingAccounts.version, overrideUntil: billingAccounts.overrideUntil })
      .from(billingAccounts)
      .where(eq(billingAccounts.tenantId, tenantId))
      .limit(1);
    return { version: row?.version ?? 0, overrideUntil: row?.overrideUntil ?? null };
  });
}

function earliest(now: Date, moments: (string | Date | null | undefined)[]): string | null {
  const future = moments.map((m) => (m ? new Date(m).getTime() : NaN)).filter((t) => Number.isFinite(t) && t > now.getTime());
  return future.length ? new Date(Math.min(...future)).toISOString() : null;
}

/**
 * `known` is the billing row's state when the caller has just read it itself (the API wrapper
 * reads it in the key lookup's statement, lib/api-keys/authenticate.ts): then no read here.
 */
export async function cachedEntitlements(
  tenantId: string,
  now = new Date(),
  known?: { version: number; overrideUntil: Date | null } | null,
): Promise<Entitlements> {
  const state = known ?? (await readState(tenantId));
  const raw = await failSoft(() => kv().get(entitlementsCacheKey(tenantId)), null);
  if (raw) {
    try {
      const entry = JSON.parse(raw) as Entry;
      if (entry.version === state.version && (!entry.validUntil || new Date(entry.validUntil) > now)) return entry.entitlements;
    } catch {
      // A corrupt entry is a miss.
    }
  }
  // Labelled with the version read before the rows: a change committing in between makes the
  // entry look older than its data (a harmless miss next time), never newer.
  const entitlements = { ...(await withSystem('billing: load entitlements', (tx) => loadEntitlements(tx, tenantId, now))), version: state.version };
  const sub = entitlements.subscription;
  const validUntil = earliest(now, [
    entitlements.trialEndsAt,
    sub?.graceUntil,
    sub?.cancelAtPeriodEnd ? sub.currentPeriodEnd : null,
    entitlements.source === 'override' ? state.overrideUntil : null,
  ]);
  const entry: Entry = { version: state.version, validUntil, entitlements };
  await failSoft(() => kv().set(entitlementsCacheKey(tenantId), JSON.stringify(entry), { ttlSeconds: TTL_SECONDS }), false);
  return entitlements;
}
