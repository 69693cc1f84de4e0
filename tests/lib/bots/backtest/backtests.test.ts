import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { outbox } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { botDraftFromBacktest, createBacktest, executeBacktest, getBacktest } from '@/lib/bots/backtest/backtests';
import { storage, tenantKey } from '@/lib/storage';
import { useTempStorage } from '../../privacy/support';
import { createWorkspaceWithOwner } from '../../tenancy/support';

const META = { ip: '203.0.113.9', userAgent: 'vitest' };
const OFF = { emaEnabled: false, volatilityEnabled: false, declineEnabled: false };
const input = (over: Record<string, unknown> = {}) => ({
  name: 'Two days of BTC',
  strategy: 'dca_ladder',
  symbol: 'BTCUSDT',
  side: 'long',
  leverage: 3,
  params: { baseOrderSize: 50, safetyOrderSize: 100 },
  filters: OFF,
  source: { kind: 'simulated', from: '2026-01-01', to: '2026-01-03' },
  ...over,
});

describe('backtests', () => {
  it('queues a backtest, runs it to results with progress at 100, and makes a bot draft from it', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const created = await withTenant(ctx, (tx) => createBacktest(tx, ctx, input(), META));
    expect(created).toMatchObject({ status: 'queued', progress: 0, candles: 2 * 24 * 60 });
    const queued = await withSystem('test: outbox', (tx) => tx.select().from(outbox).where(eq(outbox.tenantId, ctx.tenantId)));
    expect(queued.map((row) => row.data)).toContainEqual({ tenantId: ctx.tenantId, backtestId: created.id });

    expect(await executeBacktest(ctx, created.id)).toEqual({ status: 'succeeded' });
    const done = (await withTenant(ctx, (tx) => getBacktest(tx, created.id)))!;
    expect(done).toMatchObject({ status: 'succeeded', progress: 100 });
    expect(done.results!.metrics.deals).toBeGreaterThan(0);
    expect(done.results!.equity.length).toBeGreaterThan(10);
    // A repeated delivery finds it finished.
    expect(await executeBacktest(ctx, created.id)).toEqual({ status: 'succeeded' });
    expect(botDraftFromBacktest(done).pairs[0]).toMatchObject({ symbol: 'BTCUSDT', side: 'long', leverage: 3, params: { baseOrderSize: 50 } });
  });

  it('refuses bad parameters with field errors and queues nothing', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const attempt = withTenant(ctx, (tx) => createBacktest(tx, ctx, input({ params: { takeProfit: -1 }, source: { kind: 'simulated', from: '2026-01-05', to: '2026-01-01' } }), META));
    await expect(attempt).rejects.toMatchObject({ code: 'validation_failed', details: { fields: { 'source.to': [expect.any(String)] } } });
    const strategy = withTenant(ctx, (tx) => createBacktest(tx, ctx, input({ params: { takeProfit: -1 } }), META));
    await expect(strategy).rejects.toMatchObject({ code: 'validation_failed', details: { fields: { 'params.takeProfit': [expect.any(String)] } } });
  });

  it('runs over an uploaded CSV, and refuses a gapped one naming its rows', async () => {
    useTempStorage();
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const rows = Array.from({ length: 600 }, (_, i) => {
      const t = Date.UTC(2026, 0, 1) + i * 60_000;
      const price = 100 + Math.sin(i / 20) * 3;
      return `${t},${price},${price + 0.2},${price - 0.2},${price + 0.05},10`;
    });
    const good = tenantKey(ctx.tenantId, 'uploads', 'candles-00000000-0000-4000-8000-000000000001');
    await storage().put(good, ['timestamp,open,high,low,close,volume', ...rows].join('\n'));
    const created = await withTenant(ctx, (tx) => createBacktest(tx, ctx, input({ symbol: 'TESTUSDT', source: { kind: 'upload', key: good, name: 'test.csv' } }), META));
    expect(created.candles).toBe(600);
    expect(await executeBacktest(ctx, created.id)).toEqual({ status: 'succeeded' });

    const gapped = tenantKey(ctx.tenantId, 'uploads', 'candles-00000000-0000-4000-8000-000000000002');
    await storage().put(gapped, ['timestamp,open,high,low,close,volume', ...rows.slice(0, 10), ...rows.slice(12, 20)].join('\n'));
    const refused = withTenant(ctx, (tx) => createBacktest(tx, ctx, input({ source: { kind: 'upload', key: gapped, name: 'gapped.csv' } }), META));
    await expect(refused).rejects.toMatchObject({ code: 'validation_failed', details: { problems: [expect.objectContaining({ row: 12 })] } });
  });

  it('never reads another workspace’s upload', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { ownerCtx: other } = await createWorkspaceWithOwner();
    const theirs = tenantKey(other.tenantId, 'uploads', 'candles-00000000-0000-4000-8000-000000000003');
    const attempt = withTenant(ctx, (tx) => createBacktest(tx, ctx, input({ source: { kind: 'upload', key: theirs, name: 'x.csv' } }), META));
    await expect(attempt).rejects.toMatchObject({ code: 'not_found' });
  });
});
