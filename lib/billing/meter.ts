import { and, eq, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '@/db/rows';
import { usageLedger, usagePeriodTotals } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { loadEntitlements, type Entitlements } from './entitlements';
import { METRICS, PLAN_IDS, PLANS, type Metric, type PlanId } from './plans';

/**
 * The usage meter (issue 9, "Usage metering and quotas"). Usage is a durable, append-only ledger
 * row written in the transaction of the operation it pays for, so usage and effect commit or roll
 * back together. The quota decision is made by Postgres, not Redis: no Redis call may run inside a
 * transaction, and a counter outside it could not roll back with the effect. Consumers of one
 * quota (tenant, metric, month) are serialised by a transaction-scoped advisory lock, then sum,
 * compare and insert — exactly-once under any concurrency, on Postgres and on PGlite. Metrics
 * without a quota take no lock: idempotent insert only. Redis holds a read cache of the totals
 * for the usage page and banner (lib/billing/usage-counters.ts), never used to decide.
 */

export class QuotaExceeded extends AppError {
  constructor(message: string, details: Record<string, unknown>) {
    super('quota_exceeded', message, details);
  }
}

export type ConsumeResult = {
  metric: Metric;
  operationId: string;
  tenantId: string;
  /** The first day of the UTC calendar month, `YYYY-MM-DD`. */
  period: string;
  amount: number;
  /** The period's total including this operation (as of when it was first recorded). */
  used: number;
  /** null = unlimited. */
  quota: number | null;
  /** True when the operation id was already in the ledger: nothing was added. */
  replayed: boolean;
};

export type ConsumeOptions = {
  /** Defaults to the tenant of the open withTenant transaction; required in system work. */
  tenantId?: string;
  /** The clock that picks the period (tests inject it). */
  now?: Date;
  /**
   * The workspace's entitlements when the caller already holds them for this request (the API
   * wrapper's version-checked cachedEntitlements): the quota is read from them instead of
   * loading them again in the transaction. Must be the same workspace's.
   */
  entitlements?: Entitlements;
};

const input = z.object({
  metric: z.enum(METRICS),
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  operationId: z.string().min(1).max(200),
});

/** The UTC calendar month a moment counts against, as its first day. */
export function usagePeriod(now: Date): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}-01`;
}

/** The cheapest plan whose quota for the metric is larger than `than` (null when none is). */
export function planLifting(metric: Metric, than: number): PlanId | null {
  return PLAN_IDS.find((id) => {
    const quota = PLANS[id].quotas[metric];
    return quota === null || quota === undefined || quota > than;
  }) ?? null;
}

const METRIC_LABELS: Record<Metric, string> = {
  'bot.runs': 'bot runs',
  'backtest.candles': 'backtest candles',
  'journal.trades': 'journal trades',
  'money.imported_rows': 'imported rows',
  'pricing.optimization_runs': 'optimization runs',
  'api.calls': 'API calls',
  'storage.bytes': 'storage',
  'emails.sent': 'emails sent',
};

export function metricLabel(metric: Metric): string {
  return METRIC_LABELS[metric];
}

/** Metrics some plan puts a quota on; the others are only counted. */
const CAPPED_METRICS = new Set<Metric>(METRICS.filter((metric) => PLAN_IDS.some((id) => PLANS[id].quotas[metric] != null)));

async function currentTenant(tx: Tx): Promise<string> {
  const [row] = rowsOf<{ tenant_id: string | null }>(await tx.execute(sql`select nullif(current_setting('app.tenant_id', true), '') as tenant_id`));
  if (!row?.tenant_id) throw new Error('meter.consume needs a tenant: call it inside withTenant or pass options.tenantId');
  return row.tenant_id;
}

async function recorded(tx: Tx, tenantId: string, metric: Metric, operationId: string) {
  const [row] = await tx
    .select()
    .from(usageLedger)
    .where(and(eq(usageLedger.tenantId, tenantId), eq(usageLedger.metric, metric), eq(usageLedger.operationId, operationId)))
    .limit(1);
  return row ?? null;
}

async function totalUpTo(tx: Tx, tenantId: string, metric: Metric, period: string, lastId?: number): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${usageLedger.amount}), 0)` })
    .from(usageLedger)
    .where(
      and(
        eq(usageLedger.tenantId, tenantId),
        eq(usageLedger.period, period),
        eq(usageLedger.metric, metric),
        ...(lastId === undefined ? [] : [lte(usageLedger.id, lastId)]),
      ),
    );
  return Number(row?.total ?? 0);
}

/** The period's running total (0 before its first operation). */
async function periodTotal(tx: Tx, tenantId: string, metric: Metric, period: string): Promise<number> {
  const [row] = await tx
    .select({ total: usagePeriodTotals.total })
    .from(usagePeriodTotals)
    .where(and(eq(usagePeriodTotals.tenantId, tenantId), eq(usagePeriodTotals.metric, metric), eq(usagePeriodTotals.period, period)));
  return row?.total ?? 0;
}

/** Adds to the running total in the ledger row's transaction; returns the new total. */
async function addToTotal(tx: Tx, tenantId: string, metric: Metric, period: string, amount: number, now: Date): Promise<number> {
  const [row] = await tx
    .insert(usagePeriodTotals)
    .values({ tenantId, metric, period, total: amount, updatedAt: now })
    .onConflictDoUpdate({
      target: [usagePeriodTotals.tenantId, usagePeriodTotals.metric, usagePeriodTotals.period],
      set: { total: sql`${usagePeriodTotals.total} + ${amount}`, updatedAt: now },
    })
    .returning({ total: usagePeriodTotals.total });
  return row!.total;
}

async function replay(tx: Tx, row: typeof usageLedger.$inferSelect, quota: number | null): Promise<ConsumeResult> {
  const metric = row.metric as Metric;
  return {
    metric,
    operationId: row.operationId,
    tenantId: row.tenantId,
    period: row.period,
    amount: row.amount,
    used: await totalUpTo(tx, row.tenantId, metric, row.period, row.id),
    quota,
    replayed: true,
  };
}

/**
 * Records `amount` of `metric` for the operation `operationId` in the caller's transaction, or
 * throws QuotaExceeded (HTTP 402, code quota_exceeded) when it would take the month's total past
 * the plan's quota. A repeated operation id is a no-op returning the earlier result, so a retried
 * job or webhook never counts twice.
 */
async function consume(tx: Tx, metric: Metric, amount: number, operationId: string, options: ConsumeOptions = {}): Promise<ConsumeResult> {
  const parsed = input.parse({ metric, amount, operationId });
  const tenantId = options.tenantId ?? (await currentTenant(tx));
  const now = options.now ?? new Date();
  const period = usagePeriod(now);
  if (options.entitlements && options.entitlements.tenantId !== tenantId) throw new Error('meter.consume: the entitlements passed are another workspace’s');
  // A metric no plan caps (bot runs, API calls) has no quota to read: skip loading the plan.
  const entitlements = options.entitlements ?? (CAPPED_METRICS.has(parsed.metric) ? await loadEntitlements(tx, tenantId, now) : null);
  const quota = entitlements?.quotas[parsed.metric] ?? null;

  if (quota === null) {
    // No quota, so no lock: the ledger row and the running total in one statement. The total is
    // only added to when the ledger insert did not conflict (an operation id already recorded).
    const [row] = rowsOf<{ total: string | number }>(
      await tx.execute(sql`
        with ledger as (
          insert into ${usageLedger} (tenant_id, metric, period, amount, operation_id, created_at)
          values (${tenantId}, ${parsed.metric}, ${period}, ${parsed.amount}, ${parsed.operationId}, ${now.toISOString()})
          on conflict (tenant_id, metric, operation_id) do nothing
          returning tenant_id, metric, period, amount, created_at
        )
        insert into ${usagePeriodTotals} (tenant_id, metric, period, total, updated_at)
        select tenant_id, metric, period, amount, created_at from ledger
        on conflict (tenant_id, metric, period) do update set total = ${usagePeriodTotals}.total + excluded.total, updated_at = excluded.updated_at
        returning total`),
    );
    if (!row) return replay(tx, (await recorded(tx, tenantId, parsed.metric, parsed.operationId))!, quota);
    return { metric: parsed.metric, operationId: parsed.operationId, tenantId, period, amount: parsed.amount, replayed: false, used: Number(row.total), quota };
  }

  // Serialises every consumer of this (tenant, metric, month) until their transactions end; the
  // sum below then sees every earlier committed consumption and none can slip in between.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`meter:${tenantId}:${parsed.metric}:${period}`}))`);
  const earlier = await recorded(tx, tenantId, parsed.metric, parsed.operationId);
  if (earlier) return replay(tx, earlier, quota);

  const used = await periodTotal(tx, tenantId, parsed.metric, period);
  if (used + parsed.amount > quota) {
    const upgrade = planLifting(parsed.metric, used + parsed.amount);
    const label = metricLabel(parsed.metric);
    throw new QuotaExceeded(
      `This workspace has used ${used.toLocaleString('en-US')} of its ${quota.toLocaleString('en-US')} ${label} this month, so this would go over the ${entitlements?.planName} plan's quota.` +
        (upgrade ? ` Upgrade to ${PLANS[upgrade].name} in Settings → Billing for more.` : ' It resets at the start of next month.'),
      { metric: parsed.metric, used, quota, requested: parsed.amount, period, plan: entitlements?.planId, ...(upgrade ? { upgradeTo: upgrade } : {}) },
    );
  }
  const [row] = await tx
    .insert(usageLedger)
    .values({ tenantId, metric: parsed.metric, period, amount: parsed.amount, operationId: parsed.operationId, createdAt: now })
    .returning();
  await addToTotal(tx, tenantId, parsed.metric, period, parsed.amount, now);
  // The lock above makes this the one operation that uses the quota up this period.
  if (used < quota && used + parsed.amount >= quota) {
    await emitWebhookEvent(tx, tenantId, 'usage.quota.reached', { metric: parsed.metric, used: used + parsed.amount, limit: quota, period_start: period }, { now });
  }
  return { ...fresh(row!), used: used + parsed.amount, quota };
}

function fresh(row: typeof usageLedger.$inferSelect) {
  return { metric: row.metric as Metric, operationId: row.operationId, tenantId: row.tenantId, period: row.period, amount: row.amount, replayed: false };
}

export const meter = { consume };
