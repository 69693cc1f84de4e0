import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bots, outbox } from '@/db/schema';
import { withSystem, withTenant, type TenantContext } from '@/db/tenant';
import { BOT_RUN_EVENT, nextSlot, queueDueBotRuns, slotStart } from '@/lib/bots/schedule';
import { createWorkspaceWithOwner } from '../tenancy/support';

async function insertBot(ctx: TenantContext, values: Partial<typeof bots.$inferInsert>) {
  const [row] = await withTenant(ctx, (tx) =>
    tx.insert(bots).values({ tenantId: ctx.tenantId, name: 'Scheduled', exchange: 'paper', strategy: 'dca_ladder', ...values }).returning(),
  );
  return row!;
}

const nextRunOf = async (id: string) =>
  (await withSystem('test: read bot', (tx) => tx.select({ nextRunAt: bots.nextRunAt }).from(bots).where(eq(bots.id, id))))[0]!.nextRunAt;

describe('slots', () => {
  it('a slot starts on a multiple of the interval since the epoch, and the next one follows it', () => {
    const at = new Date('2026-12-03T10:07:31Z');
    expect(slotStart(at, 5).toISOString()).toBe('2026-12-03T10:05:00.000Z');
    expect(nextSlot(at, 5).toISOString()).toBe('2026-12-03T10:10:00.000Z');
    expect(slotStart(at, 60).toISOString()).toBe('2026-12-03T10:00:00.000Z');
    expect(nextSlot(at, 1).toISOString()).toBe('2026-12-03T10:08:00.000Z');
  });
});

describe('queueDueBotRuns', () => {
  it('queues one run per due active bot for its current slot and moves its next run to the following slot', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const now = new Date('2026-12-03T10:07:31Z');
    const due = await insertBot(ctx, { status: 'active', runIntervalMinutes: 5, nextRunAt: new Date('2026-12-03T09:40:00Z') });
    const later = await insertBot(ctx, { status: 'active', runIntervalMinutes: 5, nextRunAt: new Date('2026-12-03T10:10:00Z') });
    const paused = await insertBot(ctx, { status: 'paused', nextRunAt: new Date('2026-12-03T09:00:00Z') });
    const inactive = await insertBot(ctx, { status: 'inactive', nextRunAt: new Date('2026-12-03T09:00:00Z') });

    const tick = await queueDueBotRuns(now, { tenantIds: [ctx.tenantId] });

    // A bot that missed slots while the scheduler was down runs once, for the current slot.
    expect(tick.runs).toEqual([{ tenantId: ctx.tenantId, botId: due.id, slot: '2026-12-03T10:05:00.000Z' }]);
    expect((await nextRunOf(due.id))?.toISOString()).toBe('2026-12-03T10:10:00.000Z');
    expect((await nextRunOf(later.id))?.toISOString()).toBe('2026-12-03T10:10:00.000Z');
    const events = await withSystem('test: read outbox', (tx) => tx.select().from(outbox).where(eq(outbox.tenantId, ctx.tenantId)));
    const runs = events.filter((event) => event.name === BOT_RUN_EVENT);
    expect(runs.map((event) => event.data)).toEqual([{ tenantId: ctx.tenantId, botId: due.id, slot: '2026-12-03T10:05:00.000Z' }]);
    expect([paused.id, inactive.id]).not.toContain(runs[0]!.data.botId);
  });

  it('a second tick in the same slot queues nothing: the schedule already moved on', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const now = new Date('2026-12-03T11:00:10Z');
    await insertBot(ctx, { status: 'active', runIntervalMinutes: 1, nextRunAt: new Date('2026-12-03T11:00:00Z') });
    expect((await queueDueBotRuns(now, { tenantIds: [ctx.tenantId] })).queued).toBe(1);
    expect((await queueDueBotRuns(now, { tenantIds: [ctx.tenantId] })).queued).toBe(0);
    const next = await queueDueBotRuns(new Date('2026-12-03T11:01:05Z'), { tenantIds: [ctx.tenantId] });
    expect(next.runs.map((run) => run.slot)).toEqual(['2026-12-03T11:01:00.000Z']);
  });

  it('two concurrent ticks split the due bots between them and queue each once', async () => {
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const now = new Date('2026-12-03T12:00:30Z');
    const made = [];
    for (let i = 0; i < 6; i++) made.push(await insertBot(ctx, { status: 'active', runIntervalMinutes: 1, nextRunAt: new Date('2026-12-03T11:59:00Z') }));
    const [a, b] = await Promise.all([queueDueBotRuns(now, { tenantIds: [ctx.tenantId] }), queueDueBotRuns(now, { tenantIds: [ctx.tenantId] })]);
    const ids = [...a.runs, ...b.runs].map((run) => run.botId).sort();
    expect(ids).toEqual(made.map((bot) => bot.id).sort());
    const events = await withSystem('test: read outbox', (tx) =>
      tx.select().from(outbox).where(inArray(outbox.tenantId, [ctx.tenantId])),
    );
    expect(events.filter((event) => event.name === BOT_RUN_EVENT)).toHaveLength(6);
  });
});
