import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { botDeals, botOrders, botPairs, botRunLogs, bots, botTrades } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { PaperExchange } from '@/lib/bots/exchange/paper-exchange';
import type { Exchange } from '@/lib/bots/exchange/types';
import { runBot } from '@/lib/bots/run/run-bot';
import { createWorkspaceWithOwner } from '../../tenancy/support';

// Runs against the real tables on the paper exchange. The filters are off so the first run opens
// a deal: the tests are about what gets placed and recorded, not about when the strategy enters.

const NOW = new Date('2026-12-03T10:05:20Z');
const SLOT = '2026-12-03T10:05:00.000Z';
const OPEN_FILTERS = { emaEnabled: false, volatilityEnabled: false, declineEnabled: false };

async function activeBot(ctx: TenantContext, values: Partial<typeof bots.$inferInsert> = {}) {
  return withTenant(ctx, async (tx) => {
    const [bot] = await tx
      .insert(bots)
      .values({ tenantId: ctx.tenantId, name: 'Runner', exchange: 'paper', strategy: 'dca_ladder', status: 'active', paperStartingBalance: '10000', ...values })
      .returning();
    const [pair] = await tx
      .insert(botPairs)
      .values({ tenantId: ctx.tenantId, botId: bot!.id, symbol: 'BTCUSDT', side: 'long', leverage: 3, params: { baseOrderSize: 100, safetyOrderSize: 100, maxSafetyOrders: 2 }, filters: OPEN_FILTERS })
      .returning();
    return { bot: bot!, pair: pair! };
  });
}

const rowsOf = (ctx: TenantContext, botId: string) =>
  withTenant(ctx, async (tx) => ({
    trades: await tx.select().from(botTrades).where(eq(botTrades.botId, botId)),
    orders: await tx.select().from(botOrders).where(eq(botOrders.botId, botId)),
    deals: await tx.select().from(botDeals).where(eq(botDeals.botId, botId)),
    logs: await tx.select().from(botRunLogs).where(eq(botRunLogs.botId, botId)),
    bot: (await tx.select().from(bots).where(eq(bots.id, botId)))[0]!,
  }));

describe('runBot on paper', () => {
  it('opens a deal, records its orders and trade, and stores the paper book', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { bot } = await activeBot(ctx);
    const result = await runBot(ctx, { botId: bot.id, slot: SLOT }, { now: NOW });
    expect(result).toMatchObject({ status: 'succeeded', pairs: 1 });
    const rows = await rowsOf(ctx, bot.id);
    expect(rows.trades.map((t) => t.action)).toEqual(['OPENED']);
    expect(rows.deals).toHaveLength(1);
    const open = rows.orders.find((o) => o.purpose === 'open')!;
    // Placed and filled in the run: written filled, at the trade's quantity and price.
    expect(open).toMatchObject({ status: 'filled', filledQty: rows.trades[0]!.qty, averageFillPrice: rows.trades[0]!.price });
    expect(rows.logs).toEqual([expect.objectContaining({ status: 'succeeded' })]);
    expect(rows.bot.paperAccount).toMatchObject({ v: 1 });
    expect(rows.bot.lastRunAt?.toISOString()).toBe(NOW.toISOString());
  });

  it('runs a slot once: a repeated or concurrent duplicate run places nothing more', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { bot } = await activeBot(ctx);
    const [a, b] = await Promise.all([runBot(ctx, { botId: bot.id, slot: SLOT }, { now: NOW }), runBot(ctx, { botId: bot.id, slot: SLOT }, { now: NOW })]);
    expect([a.status, b.status].sort()).toEqual(['skipped', 'succeeded']);
    const again = await runBot(ctx, { botId: bot.id, slot: SLOT }, { now: NOW });
    expect(again).toEqual({ status: 'skipped', reason: 'already_ran' });
    const rows = await rowsOf(ctx, bot.id);
    expect(rows.trades).toHaveLength(1);
    expect(rows.orders.filter((o) => o.purpose === 'open')).toHaveLength(1);
  });

  it('the next slot places the ladder from the stored book and state', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { bot } = await activeBot(ctx);
    await runBot(ctx, { botId: bot.id, slot: SLOT }, { now: NOW });
    const next = await runBot(ctx, { botId: bot.id, slot: '2026-12-03T10:06:00.000Z' }, { now: new Date('2026-12-03T10:06:20Z') });
    expect(next.status).toBe('succeeded');
    const rows = await rowsOf(ctx, bot.id);
    expect(rows.orders.map((o) => o.purpose).sort()).toEqual(['open', 'safety', 'take_profit']);
    expect(rows.trades).toHaveLength(1);
  });

  it('skips a bot that is not active', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { bot } = await activeBot(ctx, { status: 'paused' });
    expect(await runBot(ctx, { botId: bot.id, slot: SLOT }, { now: NOW })).toEqual({ status: 'skipped', reason: 'not_active' });
    expect((await rowsOf(ctx, bot.id)).orders).toEqual([]);
  });
});

describe('runBot on an exchange that outlives the run', () => {
  it('a run that crashes after sending its order, then retried, never sends it twice', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { bot } = await activeBot(ctx, { exchange: 'bybit', testnet: true });
    // One account for both attempts, as a real exchange keeps its orders whatever the run does.
    const account = await PaperExchange.open({ state: null, startingBalance: 10_000, now: NOW });
    const sent: string[] = [];
    let crash = true;
    const flaky: Exchange = {
      ...account,
      async createOrder(request) {
        sent.push(request.clientOrderId);
        const order = await account.createOrder(request);
        if (crash) {
          crash = false;
          throw new Error('connection reset after the order went out');
        }
        return order;
      },
    };
    const venue = async () => ({ exchange: flaky, paper: false, save: () => undefined });

    await expect(runBot(ctx, { botId: bot.id, slot: SLOT }, { now: NOW, exchange: venue })).rejects.toThrow(/connection reset/);
    const retry = await runBot(ctx, { botId: bot.id, slot: SLOT }, { now: NOW, exchange: venue });
    expect(retry.status).toBe('succeeded');

    const baseOrders = sent.filter((id) => id.endsWith('d1-bo'));
    expect(baseOrders).toHaveLength(1);
    expect((await account.fills('BTCUSDT', 0)).filter((f) => f.clientOrderId.endsWith('d1-bo'))).toHaveLength(1);
    const rows = await rowsOf(ctx, bot.id);
    expect(rows.trades.map((t) => t.action)).toEqual(['OPENED']);
    expect(rows.logs).toEqual([expect.objectContaining({ status: 'succeeded', attempts: 2 })]);
  });
});
