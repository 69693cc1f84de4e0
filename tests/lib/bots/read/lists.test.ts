import { describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import { decodeTimeCursor, encodeTimeCursor } from '@/lib/bots/read/cursor';
import { listDeals } from '@/lib/bots/read/deals';
import { listRunLogs } from '@/lib/bots/read/run-logs';
import { listTrades } from '@/lib/bots/read/trades';
import { createWorkspaceWithOwner } from '../../tenancy/support';
import { at, insertBot, insertDeal, insertRunLog, insertTrade } from './support';

describe('bot lists', () => {
  it('deals come newest first, two to a page, and the cursor walks to the oldest without repeats', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { bot, pair } = await insertBot(ctx);
    for (let seq = 1; seq <= 5; seq++) await insertDeal(ctx, bot.id, pair.id, { seq, openedAt: at(seq), realisedPnl: `${seq}.50`, status: seq < 5 ? 'closed' : 'open' });

    const first = await withTenant(ctx, (tx) => listDeals(tx, bot.id, { limit: 2 }));
    expect(first.items.map((deal) => deal.seq)).toEqual([5, 4]);
    expect(first.items[1]!.realisedPnl).toBe('4.5');
    expect(first.nextCursor).not.toBeNull();
    const second = await withTenant(ctx, (tx) => listDeals(tx, bot.id, { limit: 2, before: first.nextCursor! }));
    expect(second.items.map((deal) => deal.seq)).toEqual([3, 2]);
    const third = await withTenant(ctx, (tx) => listDeals(tx, bot.id, { limit: 2, before: second.nextCursor! }));
    expect(third.items.map((deal) => deal.seq)).toEqual([1]);
    expect(third.nextCursor).toBeNull();
  });

  it('rows at the same instant page by id, so none is skipped or shown twice', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { bot, pair } = await insertBot(ctx);
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await insertTrade(ctx, bot.id, pair.id, { executedAt: at(10) }));
    const seen: string[] = [];
    let before: Parameters<typeof listTrades>[2]['before'];
    for (let page = 0; page < 3; page++) {
      const result = await withTenant(ctx, (tx) => listTrades(tx, bot.id, { limit: 1, before }));
      seen.push(...result.items.map((trade) => trade.id));
      before = result.nextCursor ?? undefined;
    }
    expect(seen).toEqual(made.map((trade) => trade.id).sort().reverse());
    expect(before).toBeUndefined();
  });

  it('a trade keeps its decimals as text and only its own bot’s rows are listed', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { bot, pair } = await insertBot(ctx);
    const other = await insertBot(ctx, { name: 'Other' });
    await insertTrade(ctx, bot.id, pair.id, { executedAt: at(1), action: 'CLOSED', qty: '0.123456789', price: '43210.10', pnl: '-0.0000001', fee: '0.02' });
    await insertTrade(ctx, other.bot.id, other.pair.id, { executedAt: at(2) });
    const { items } = await withTenant(ctx, (tx) => listTrades(tx, bot.id, { limit: 10 }));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: 'CLOSED', qty: '0.123456789', price: '43210.1', pnl: '-0.0000001', fee: '0.02', balanceAfter: null });
  });

  it('run logs come newest slot first with their messages', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { bot } = await insertBot(ctx);
    await insertRunLog(ctx, bot.id, { slot: at(0), message: 'first' });
    await insertRunLog(ctx, bot.id, { slot: at(5), status: 'failed', message: 'Exchange unavailable' });
    const { items, nextCursor } = await withTenant(ctx, (tx) => listRunLogs(tx, bot.id, { limit: 10 }));
    expect(items.map((log) => [log.status, log.message])).toEqual([
      ['failed', 'Exchange unavailable'],
      ['succeeded', 'first'],
    ]);
    expect(nextCursor).toBeNull();
  });

  it('another workspace sees none of the bot’s rows', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const { ownerCtx: stranger } = await createWorkspaceWithOwner('Elsewhere');
    const { bot, pair } = await insertBot(ctx);
    await insertDeal(ctx, bot.id, pair.id, { seq: 1, openedAt: at(1) });
    const { items } = await withTenant(stranger, (tx) => listDeals(tx, bot.id, { limit: 10 }));
    expect(items).toEqual([]);
  });

  it('a cursor round-trips through its text, and text it did not give out is the first page', () => {
    const cursor = { at: '2026-12-01T00:05:00.000Z', id: '00000000-0000-4000-8000-000000000001' };
    expect(decodeTimeCursor(encodeTimeCursor(cursor))).toEqual(cursor);
    expect(decodeTimeCursor('not-a-cursor')).toBeUndefined();
    expect(decodeTimeCursor(['a', 'b'])).toBeUndefined();
  });
});
