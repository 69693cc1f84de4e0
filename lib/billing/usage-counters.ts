import { and, eq, sql } from 'drizzle-orm';
import { usageLedger } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { getLogger } from '@/lib/observability/logger';
import { failSoft, kv } from '@/lib/redis';
import { usagePeriod } from './meter';
import { METRICS, type Metric } from './plans';
import { usageTotals } from './usage';

/**
 * The fast usage counters in the Redis layer: a read cache of the ledger's monthly totals for the
 * usage banner and page, never consulted by the meter (which decides in Postgres, see meter.ts).
 * Refreshed from the ledger after a metered transaction commits, rebuilt on a miss, and
 * recomputed for every workspace daily, so a lost or lagging Redis never loses or invents usage.
 * Outside transactions only (the Redis layer throws inside one in dev and tests).
 */

// A day and a bit: the daily reconcile rewrites every active key before it expires.
const TTL_SECONDS = 26 * 3600;

export function usageCounterKey(tenantId: string, period: string): string {
  return `usage:v1:${tenantId}:${period}`;
}

function totalsFromLedger(tenantId: string, period: string) {
  return withSystem('billing: usage totals', (tx) => usageTotals(tx, tenantId, period));
}

async function store(tenantId: string, period: string, totals: Record<Metric, number>): Promise<void> {
  await failSoft(() => kv().set(usageCounterKey(tenantId, period), JSON.stringify(totals), { ttlSeconds: TTL_SECONDS }), false);
}

/** The month's totals per metric: Redis when it has them, else the ledger (and Redis refilled). */
export async function cachedUsageTotals(tenantId: string, now = new Date()): Promise<Record<Metric, number>> {
  const period = usagePeriod(now);
  const cached = await failSoft(() => kv().get(usageCounterKey(tenantId, period)), null);
  if (cached) {
    try {
      const parsed = JSON.parse(cached) as Record<string, unknown>;
      if (METRICS.every((m) => typeof parsed[m] === 'number')) return parsed as Record<Metric, number>;
    } catch {
      // A corrupt entry is a miss.
    }
  }
  const totals = await totalsFromLedger(tenantId, period);
  await store(tenantId, period, totals);
  return totals;
}

/**
 * After commit: recomputes the consumed periods' counters from the ledger. Two refreshes may land
 * out of order and leave a total one operation behind until the next refresh or the nightly
 * reconcile: acceptable for a banner, which is why nothing enforces from it.
 */
export async function refreshUsageCounters(consumed: readonly { tenantId: string; period: string; replayed: boolean }[]): Promise<void> {
  const seen = new Set<string>();
  for (const { tenantId, period, replayed } of consumed) {
    const key = usageCounterKey(tenantId, period);
    if (replayed || seen.has(key)) continue;
    seen.add(key);
    try {
      await store(tenantId, period, await totalsFromLedger(tenantId, period));
    } catch (error) {
      // Best effort after a committed action: its result must not turn into a failure because a
      // display cache could not be refreshed. A miss or the nightly reconcile puts it right.
      getLogger({ component: 'usage-counters' }).warn({ err: error, tenantId, period }, 'usage counter refresh failed');
    }
  }
}

/** A workspace's counter is refreshed at most this often after API calls (refreshUsageCountersSoon). */
export const API_REFRESH_INTERVAL_MS = 1_000;

type RefreshSlot = { tenantId: string; period: string; lastStarted: number; due: boolean; inFlight: boolean; timer: ReturnType<typeof setTimeout> | null };
const slots = new Map<string, RefreshSlot>();
const MAX_SLOTS = 10_000;
const inFlight = new Set<Promise<void>>();

function pump(key: string, slot: RefreshSlot): void {
  if (slot.inFlight || slot.timer || !slot.due) return;
  const wait = slot.lastStarted + API_REFRESH_INTERVAL_MS - Date.now();
  if (wait > 0) {
    slot.timer = setTimeout(() => {
      slot.timer = null;
      pump(key, slot);
    }, wait);
    slot.timer.unref?.();
    return;
  }
  slot.due = false;
  slot.inFlight = true;
  slot.lastStarted = Date.now();
  const run: Promise<void> = refreshUsageCounters([{ tenantId: slot.tenantId, period: slot.period, replayed: false }]).finally(() => {
    slot.inFlight = false;
    inFlight.delete(run);
    pump(key, slot);
  });
  inFlight.add(run);
}

/**
 * refreshUsageCounters for the public API, where every call is metered: coalesced per workspace
 * and month, so a burst of calls recomputes the counter at most once a second (plus once more
 * after the last call, within a second), instead of a read and a Redis write per call. The
 * counter is a display cache (the banner); the ledger, which `GET /api/v1/usage` and the meter
 * read, is written by every call in its own transaction. Fire and forget, outside transactions.
 */
export function refreshUsageCountersSoon(consumed: readonly { tenantId: string; period: string; replayed: boolean }[]): void {
  for (const { tenantId, period, replayed } of consumed) {
    if (replayed) continue;
    const key = usageCounterKey(tenantId, period);
    let slot = slots.get(key);
    if (!slot) {
      if (slots.size >= MAX_SLOTS) {
        for (const [k, s] of slots) if (!s.inFlight && !s.timer && !s.due) slots.delete(k);
      }
      slot = { tenantId, period, lastStarted: 0, due: false, inFlight: false, timer: null };
      slots.set(key, slot);
    }
    slot.due = true;
    pump(key, slot);
  }
}

/** Runs every refresh refreshUsageCountersSoon has pending now, and waits for them (tests, shutdown). */
export async function settleUsageCounterRefreshes(): Promise<void> {
  for (const slot of slots.values()) {
    if (slot.timer) {
      clearTimeout(slot.timer);
      slot.timer = null;
    }
    slot.lastStarted = 0;
  }
  for (const [key, slot] of slots) pump(key, slot);
  while (inFlight.size) await Promise.all([...inFlight]);
}

/** Rewrites every workspace's counters for the current month from the ledger. */
export async function reconcileUsageCounters(now = new Date()): Promise<{ workspaces: number }> {
  const period = usagePeriod(now);
  const rows = await withSystem('billing: reconcile usage counters', (tx) =>
    tx
      .select({ tenantId: usageLedger.tenantId, metric: usageLedger.metric, total: sql<string>`sum(${usageLedger.amount})` })
      .from(usageLedger)
      .where(and(eq(usageLedger.period, period)))
      .groupBy(usageLedger.tenantId, usageLedger.metric),
  );
  const byTenant = new Map<string, Record<Metric, number>>();
  for (const row of rows) {
    if (!(METRICS as readonly string[]).includes(row.metric)) continue;
    const totals = byTenant.get(row.tenantId) ?? (Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<Metric, number>);
    totals[row.metric as Metric] = Number(row.total);
    byTenant.set(row.tenantId, totals);
  }
  for (const [tenantId, totals] of byTenant) await store(tenantId, period, totals);
  return { workspaces: byTenant.size };
}

/** Daily: the Redis counters recomputed from the ledger, the durable source. */
export const usageReconcileWorkflow = defineWorkflow(
  { id: 'billing-usage-reconcile', trigger: { cron: 'TZ=UTC 15 4 * * *' }, retries: 2, timeout: '15m' },
  async (_payload, step) => step.run('reconcile-usage-counters', () => reconcileUsageCounters()),
);
