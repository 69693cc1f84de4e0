import { describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import { balanceSeries, botPerformance } from '@/lib/bots/read/performance';
import { botListStats, workspaceBotSummary } from '@/lib/bots/read/summary';
import { createWorkspaceWithOwner } from '../../tenancy/support';
import { at, insertBot, insertDeal, insertTrade } from './support';

describe('bot performance', () => {
  it('counts fills, deals won and lost, and sums PnL and fees exactly', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { bot, pair } = await insertBot(ctx);
    // Won: 10.10 − 0.10 fees. Lost: 0.05 − 0.20 fees (a "profit" eaten by fees counts as a loss). Open: not counted.
    await insertDeal(ctx, bot.id, pair.id, { seq: 1, openedAt: at(1), status: 'closed', realisedPnl: '10.10', fees: '0.10' });
    await insertDeal(ctx, bot.id, pair.id, { seq: 2, openedAt: at(2), status: 'closed', realisedPnl: '0.05', fees: '0.20' });
    await insertDeal(ctx, bot.id, pair.id, { seq: 3, openedAt: at(3), status: 'open' });
    await insertTrade(ctx, bot.id, pair.id, { executedAt: at(1), action: 'OPENED', fee: '0.1' });
    await insertTrade(ctx, bot.id, pair.id, { executedAt: at(2), action: 'CLOSED', fee: '0.2', pnl: '0.1' });
    await insertTrade(ctx, bot.id, pair.id, { executedAt: at(3), action: 'CLOSED', fee: '0.0000000001', pnl: '0.2' });

    const performance = await withTenant(ctx, (tx) => botPerformance(tx, bot.id));
    // 0.1 + 0.2 in floats is 0.30000000000000004: numeric sums keep it 0.3.
    expect(performance).toEqual({
      totalTrades: 3,
      openDeals: 1,
      closedDeals: 2,
      winningDeals: 1,
      winRate: 0.5,
      realisedPnl: '0.3',
      fees: '0.3000000001',
      netPnl: '-0.0000000001',
    });
  });

  it('a bot with nothing yet has zeros and no win rate', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { bot } = await insertBot(ctx);
    const performance = await withTenant(ctx, (tx) => botPerformance(tx, bot.id));
    expect(performance).toMatchObject({ totalTrades: 0, closedDeals: 0, winRate: null, realisedPnl: '0', fees: '0', netPnl: '0' });
    expect(await withTenant(ctx, (tx) => balanceSeries(tx, bot.id))).toEqual([]);
  });

  it('the balance series is oldest first, skips fills without a balance, and thins long histories keeping both ends', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { bot, pair } = await insertBot(ctx);
    for (let i = 0; i < 10; i++) await insertTrade(ctx, bot.id, pair.id, { executedAt: at(i), balanceAfter: `${1000 + i}` });
    await insertTrade(ctx, bot.id, pair.id, { executedAt: at(20), balanceAfter: null });

    const all = await withTenant(ctx, (tx) => balanceSeries(tx, bot.id));
    expect(all.map((point) => point.balance)).toEqual(['1000', '1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '1009']);
    expect(all[0]!.at.toISOString()).toBe(at(0).toISOString());

    // 10 fills into ~4 points: every ceil(10/3) = 4th fill (1st, 5th, 9th) and the last.
    const thin = await withTenant(ctx, (tx) => balanceSeries(tx, bot.id, { maxPoints: 4 }));
    expect(thin.map((point) => point.balance)).toEqual(['1000', '1004', '1008', '1009']);
  });
});

describe('summaries', () => {
  it('the list stats and the workspace summary add up every bot', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const a = await insertBot(ctx, { name: 'Alpha', status: 'active', nextRunAt: at(30) });
    const b = await insertBot(ctx, { name: 'Beta', status: 'paused' });
    const c = await insertBot(ctx, { name: 'Gamma', status: 'active', nextRunAt: at(25) });
    await insertDeal(ctx, a.bot.id, a.pair.id, { seq: 1, openedAt: at(1), status: 'open' });
    await insertDeal(ctx, b.bot.id, b.pair.id, { seq: 1, openedAt: at(1), status: 'closed' });
    await insertTrade(ctx, a.bot.id, a.pair.id, { executedAt: at(1), pnl: '5', fee: '1' });
    await insertTrade(ctx, b.bot.id, b.pair.id, { executedAt: at(2), pnl: '-2.5', fee: '0.5', action: 'CLOSED' });

    const stats = await withTenant(ctx, (tx) => botListStats(tx));
    expect(stats.get(a.bot.id)).toEqual({ netPnl: '4', openDeals: 1, closedDeals: 0, lastTradeAt: at(1) });
    expect(stats.get(b.bot.id)).toEqual({ netPnl: '-3', openDeals: 0, closedDeals: 1, lastTradeAt: at(2) });
    expect(stats.has(c.bot.id)).toBe(false);

    const summary = await withTenant(ctx, (tx) => workspaceBotSummary(tx, { recent: 1 }));
    expect(summary).toMatchObject({ total: 3, active: 2, paused: 1, error: 0, openDeals: 1, netPnl: '1' });
    expect(summary.nextRunAt?.toISOString()).toBe(at(25).toISOString());
    expect(summary.recentTrades).toEqual([expect.objectContaining({ botName: 'Beta', action: 'CLOSED', pnl: '-2.5' })]);
  });

  it('an empty workspace has an empty summary', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    expect(await withTenant(ctx, (tx) => workspaceBotSummary(tx))).toEqual({ total: 0, active: 0, paused: 0, error: 0, openDeals: 0, netPnl: '0', nextRunAt: null, recentTrades: [] });
  });
});
