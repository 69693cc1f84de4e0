import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, botPairs, botRunLogs, bots } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { botRunWorkflow } from '@/lib/bots/workflows';
import { configureInlineRunner, runInline } from '@/lib/jobs/inline-runner';
import { createWorkspaceWithOwner } from '../tenancy/support';

// The bot-run workflow through every retry (inline runner, no waiting): a slot whose last attempt
// fails is logged as failed with the reason, and three such slots in a row stop the bot.

let restore: () => void;
beforeAll(() => void (restore = configureInlineRunner({ sleep: async () => {}, backoffOverride: { initialMs: 1, maxMs: 1 } })));
afterAll(() => restore());

async function failingPaperBot(ctx: TenantContext) {
  return withTenant(ctx, async (tx) => {
    const [bot] = await tx
      .insert(bots)
      .values({ tenantId: ctx.tenantId, name: 'Doomed', exchange: 'paper', strategy: 'dca_ladder', status: 'active', paperStartingBalance: '10000' })
      .returning();
    // The paper market has no such symbol, so every attempt fails the same way.
    await tx.insert(botPairs).values({ tenantId: ctx.tenantId, botId: bot!.id, symbol: 'NOSUCHUSDT', side: 'long', leverage: 3, params: { baseOrderSize: 100 }, filters: {} });
    return bot!;
  });
}

describe('failed bot runs', () => {
  it('log each failed slot (a paper run’s own log row rolled back with it) and stop the bot at the third in a row', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const bot = await failingPaperBot(ctx);
    const slots = ['2026-12-04T10:00:00.000Z', '2026-12-04T10:05:00.000Z', '2026-12-04T10:10:00.000Z'];
    for (const [i, slot] of slots.entries()) {
      const outcome = await runInline(botRunWorkflow, { id: randomUUID(), data: { tenantId: ctx.tenantId, botId: bot.id, slot } });
      expect(outcome.status).toBe('failed');
      const [row] = await withTenant(ctx, (tx) => tx.select().from(bots).where(eq(bots.id, bot.id)));
      expect(row).toMatchObject({ consecutiveFailures: i + 1, status: i < 2 ? 'active' : 'error' });
    }
    const logs = await withTenant(ctx, (tx) => tx.select().from(botRunLogs).where(eq(botRunLogs.botId, bot.id)));
    expect(logs.map((log) => log.status)).toEqual(['failed', 'failed', 'failed']);
    expect(logs[0]!.message).toMatch(/NOSUCHUSDT/);
    const audits = await withTenant(ctx, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.action, 'bot.failed'), eq(auditLog.targetId, bot.id))));
    expect(audits).toHaveLength(1);
  });
});
