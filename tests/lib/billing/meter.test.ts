import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { usageLedger, usagePeriodTotals } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { meter, QuotaExceeded, usagePeriod } from '@/lib/billing/meter';
import { AppError } from '@/lib/errors/app-error';
import { freeWorkspace } from './support';

// 100 transactions queue for a pool of 10 on a shared 2-core machine: waiting for a connection
// may take longer than the 3 s "database unreachable" deadline, which is not what is under test.
vi.hoisted(() => {
  process.env.DATABASE_REQUEST_DEADLINE_MS = '60000';
});

async function ledgerTotal(tenantId: string, metric: string) {
  const [row] = await withSystem('test: read ledger', (tx) =>
    tx
      .select({ total: sql<string>`coalesce(sum(${usageLedger.amount}), 0)`, rows: sql<string>`count(*)` })
      .from(usageLedger)
      .where(and(eq(usageLedger.tenantId, tenantId), eq(usageLedger.metric, metric))),
  );
  // The meter's running totals must always agree with the ledger they summarise.
  const [running] = await withSystem('test: read totals', (tx) =>
    tx
      .select({ total: sql<string>`coalesce(sum(${usagePeriodTotals.total}), 0)` })
      .from(usagePeriodTotals)
      .where(and(eq(usagePeriodTotals.tenantId, tenantId), eq(usagePeriodTotals.metric, metric))),
  );
  expect(Number(running!.total), 'running total').toBe(Number(row!.total));
  return { total: Number(row!.total), rows: Number(row!.rows) };
}

describe('meter.consume', () => {
  it('records one ledger row per operation id; a repeat returns the earlier result and adds nothing', async () => {
    const { ctx, workspace } = await freeWorkspace();
    const first = await withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 7, 'import:a'));
    await withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 3, 'import:b'));
    const again = await withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 7, 'import:a'));
    expect(first).toMatchObject({ used: 7, quota: 100, replayed: false, tenantId: workspace.id });
    expect(again).toMatchObject({ used: 7, quota: 100, amount: 7, replayed: true, period: first.period });
    expect(await ledgerTotal(workspace.id, 'journal.trades')).toEqual({ total: 10, rows: 2 });
  });

  it('is idempotent on an unmetered-quota metric too (no lock taken)', async () => {
    const { ctx, workspace } = await freeWorkspace();
    const results = await Promise.all(Array.from({ length: 5 }, () => withTenant(ctx, (tx) => meter.consume(tx, 'api.calls', 1, 'req:1'))));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.quota === null && r.used === 1)).toBe(true);
    expect(await ledgerTotal(workspace.id, 'api.calls')).toEqual({ total: 1, rows: 1 });
  });

  it('refuses past the quota with quota_exceeded (402) naming the metric and the plan that lifts it', async () => {
    const { ctx, workspace } = await freeWorkspace();
    await withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 95, 'op:1'));
    const error = await withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 6, 'op:2')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExceeded);
    expect(error).toBeInstanceOf(AppError);
    const refusal = error as QuotaExceeded;
    expect(refusal.code).toBe('quota_exceeded');
    expect(refusal.status).toBe(402);
    expect(refusal.message).toContain('journal trades');
    expect(refusal.message).toContain('Upgrade to Pro');
    expect(refusal.details).toMatchObject({ metric: 'journal.trades', used: 95, quota: 100, requested: 6, upgradeTo: 'pro' });
    // Exactly up to the quota is still allowed.
    await withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 5, 'op:3'));
    expect(await ledgerTotal(workspace.id, 'journal.trades')).toEqual({ total: 100, rows: 2 });
  });

  it('rolls back with the operation it pays for, and a refusal rolls the operation back', async () => {
    const { ctx, workspace } = await freeWorkspace();
    const failed = await withTenant(ctx, async (tx) => {
      await meter.consume(tx, 'money.imported_rows', 200, 'import:failed');
      throw new Error('the import failed after metering');
    }).catch((e: unknown) => e);
    expect((failed as Error).message).toBe('the import failed after metering');
    expect(await ledgerTotal(workspace.id, 'money.imported_rows')).toEqual({ total: 0, rows: 0 });

    // The operation's own write and its over-quota consumption leave together.
    const refused = await withTenant(ctx, async (tx) => {
      await meter.consume(tx, 'money.imported_rows', 400, 'import:1');
      await meter.consume(tx, 'money.imported_rows', 101, 'import:1-extra');
    }).catch((e: unknown) => e);
    expect((refused as AppError).code).toBe('quota_exceeded');
    expect(await ledgerTotal(workspace.id, 'money.imported_rows')).toEqual({ total: 0, rows: 0 });
  });

  it('exactly once under concurrency: 100 consumers of the last 10 units, exactly 10 succeed', async () => {
    const { ctx, workspace } = await freeWorkspace();
    await withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 90, `seed:${randomUUID()}`));
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 1, `trade:${i}`))),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(90);
    expect(refused.every((r) => r.reason instanceof QuotaExceeded)).toBe(true);
    expect(await ledgerTotal(workspace.id, 'journal.trades')).toEqual({ total: 100, rows: 11 });
  });

  it('counts per UTC calendar month: the quota starts over on the 1st (injected clock)', async () => {
    const { ctx, workspace } = await freeWorkspace();
    const lastMoment = new Date('2027-01-31T23:59:59.999Z');
    const nextMonth = new Date('2027-02-01T00:00:00.000Z');
    expect(usagePeriod(lastMoment)).toBe('2027-01-01');
    expect(usagePeriod(nextMonth)).toBe('2027-02-01');
    await withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 100, 'jan:all', { now: lastMoment }));
    const january = await withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 1, 'jan:late', { now: lastMoment })).catch((e: unknown) => e);
    expect((january as AppError).code).toBe('quota_exceeded');
    const february = await withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 100, 'feb:all', { now: nextMonth }));
    expect(february).toMatchObject({ period: '2027-02-01', used: 100, replayed: false });
    expect(await ledgerTotal(workspace.id, 'journal.trades')).toEqual({ total: 200, rows: 2 });
  });

  it('validates its input and needs a tenant', async () => {
    const { ctx } = await freeWorkspace();
    await expect(withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 0, 'op'))).rejects.toThrow();
    await expect(withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 1.5, 'op'))).rejects.toThrow();
    await expect(withTenant(ctx, (tx) => meter.consume(tx, 'journal.trades', 1, ''))).rejects.toThrow();
    await expect(withSystem('test: meter without tenant', (tx) => meter.consume(tx, 'journal.trades', 1, 'op'))).rejects.toThrow(/needs a tenant/);
  });
});
