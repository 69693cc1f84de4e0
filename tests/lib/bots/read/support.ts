import { randomUUID } from 'node:crypto';
import { botDeals, botPairs, botRunLogs, bots, botTrades } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';

// Rows written straight into the bot tables, as the runner would leave them, for the read side.

export async function insertBot(ctx: TenantContext, values: Partial<typeof bots.$inferInsert> = {}) {
  return withTenant(ctx, async (tx) => {
    const [bot] = await tx.insert(bots).values({ tenantId: ctx.tenantId, name: 'Reader', exchange: 'paper', strategy: 'dca_ladder', ...values }).returning();
    const [pair] = await tx
      .insert(botPairs)
      .values({ tenantId: ctx.tenantId, botId: bot!.id, symbol: 'BTCUSDT', side: 'long', leverage: 5, params: {}, filters: {} })
      .returning();
    return { bot: bot!, pair: pair! };
  });
}

export async function insertDeal(ctx: TenantContext, botId: string, pairId: string, values: Partial<typeof botDeals.$inferInsert> & { seq: number; openedAt: Date }) {
  const [deal] = await withTenant(ctx, (tx) => tx.insert(botDeals).values({ tenantId: ctx.tenantId, botId, pairId, symbol: 'BTCUSDT', side: 'long', ...values }).returning());
  return deal!;
}

export async function insertTrade(ctx: TenantContext, botId: string, pairId: string, values: Partial<typeof botTrades.$inferInsert> & { executedAt: Date }) {
  const [trade] = await withTenant(ctx, (tx) =>
    tx
      .insert(botTrades)
      .values({ tenantId: ctx.tenantId, botId, pairId, symbol: 'BTCUSDT', action: 'OPENED', qty: '0.01', price: '50000', fillKey: randomUUID(), ...values })
      .returning(),
  );
  return trade!;
}

export async function insertRunLog(ctx: TenantContext, botId: string, values: Partial<typeof botRunLogs.$inferInsert> & { slot: Date }) {
  const [log] = await withTenant(ctx, (tx) => tx.insert(botRunLogs).values({ tenantId: ctx.tenantId, botId, status: 'succeeded', ...values }).returning());
  return log!;
}

/** 2026-12-01 plus `minutes`. */
export const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 0, minutes));
