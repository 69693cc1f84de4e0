import { randomUUID } from 'node:crypto';
import { InngestTestEngine } from '@inngest/test';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { botPairs, bots, botTrades } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { workflowFunction } from '@/inngest/functions/workflow-function';
import { BOT_RUN_EVENT } from '@/lib/bots/schedule';
import { botRunWorkflow } from '@/lib/bots/workflows';
import { createWorkspaceWithOwner } from '../lib/tenancy/support';

// The bot-run workflow as Inngest runs it. What the last failed attempt does (the failure counted,
// the third in a row stopping the bot) is in tests/lib/bots/run-failures.test.ts, on the inline
// runner, which runs every retry in process.

const botRun = workflowFunction(botRunWorkflow);
const OPEN_FILTERS = { emaEnabled: false, volatilityEnabled: false, declineEnabled: false };

async function paperBot(ctx: TenantContext, symbol: string) {
  return withTenant(ctx, async (tx) => {
    const [bot] = await tx
      .insert(bots)
      .values({ tenantId: ctx.tenantId, name: 'Inngest runner', exchange: 'paper', strategy: 'dca_ladder', status: 'active', paperStartingBalance: '10000' })
      .returning();
    await tx.insert(botPairs).values({ tenantId: ctx.tenantId, botId: bot!.id, symbol, side: 'long', leverage: 3, params: { baseOrderSize: 100, safetyOrderSize: 100, maxSafetyOrders: 2 }, filters: OPEN_FILTERS });
    return bot!;
  });
}

const runEvent = (ctx: TenantContext, botId: string, slot: string) => ({ id: randomUUID(), name: BOT_RUN_EVENT, data: { tenantId: ctx.tenantId, botId, slot } });

describe('bot-run as an Inngest function', () => {
  it('runs a paper bot for its slot and records the trade', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const bot = await paperBot(ctx, 'BTCUSDT');
    const slot = new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString();
    const { result, error } = await new InngestTestEngine({ function: botRun, events: [runEvent(ctx, bot.id, slot)] }).execute();
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ status: 'succeeded', pairs: 1, ordersPlaced: 1, trades: 1 });
    const trades = await withTenant(ctx, (tx) => tx.select().from(botTrades).where(eq(botTrades.botId, bot.id)));
    expect(trades.map((t) => t.action)).toEqual(['OPENED']);
  });

  it('leaves a failed attempt to Inngest’s retries: nothing counts towards stopping the bot yet', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    // The paper market has no such symbol, so the run fails.
    const bot = await paperBot(ctx, 'NOSUCHUSDT');
    const { error } = await new InngestTestEngine({ function: botRun, events: [runEvent(ctx, bot.id, '2026-12-04T10:00:00.000Z')] }).execute();
    expect(error).toBeDefined();
    const [row] = await withTenant(ctx, (tx) => tx.select().from(bots).where(eq(bots.id, bot.id)));
    expect(row).toMatchObject({ consecutiveFailures: 0, status: 'active' });
  });
});
