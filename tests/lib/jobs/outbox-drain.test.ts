import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tenantContext, withTenant, type TenantContext } from '@/db/tenant';
import { afterCommitDispatch, dispatchOutbox, enqueueEvent, enqueueEvents, type OutboxSender } from '@/lib/jobs/outbox';
import { createTenant, systemQuery } from '../../helpers/database';

async function tenant(): Promise<TenantContext> {
  const { user, workspace } = await createTenant();
  return tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' });
}

async function pending(tenantId: string): Promise<{ due: number; leased: number }> {
  const [row] = await systemQuery<{ due: number; leased: number }>(sql`
    select count(*) filter (where available_at <= clock_timestamp())::int as due,
           count(*) filter (where available_at > clock_timestamp())::int as leased
    from outbox where tenant_id = ${tenantId} and dispatched_at is null`);
  return row!;
}

describe('outbox dispatch drains', () => {
  it('250 events written in one transaction are all dispatched by one call', async () => {
    const ctx = await tenant();
    await withTenant(ctx, async (tx) => {
      for (let i = 0; i < 250; i++) await enqueueEvent(tx, { name: 'test/outbox.drained', data: { i }, tenantId: ctx.tenantId });
    });
    // No workflow listens to this name: the inline sender hands over nothing, so only the outbox is measured.
    expect(await dispatchOutbox({ tenantId: ctx.tenantId })).toMatchObject({ claimed: 250, dispatched: 250, failed: 0, drained: true });
    expect(await pending(ctx.tenantId)).toEqual({ due: 0, leased: 0 });
  });

  it('the after-commit kick leaves nothing pending either (it used to leave 150 of 250)', async () => {
    const ctx = await tenant();
    await withTenant(ctx, (tx) =>
      enqueueEvents(tx, Array.from({ length: 250 }, (_, i) => ({ name: 'test/outbox.kicked', data: { i }, tenantId: ctx.tenantId }))),
    );
    await afterCommitDispatch();
    expect(await pending(ctx.tenantId)).toEqual({ due: 0, leased: 0 });
  });

  it('stops claiming once the time budget is spent, finishing its claim and leaving the rest due', async () => {
    const ctx = await tenant();
    await withTenant(ctx, (tx) =>
      enqueueEvents(tx, Array.from({ length: 60 }, (_, i) => ({ name: 'test/outbox.budget', data: { i }, tenantId: ctx.tenantId }))),
    );
    const slow: OutboxSender = { send: () => new Promise((resolve) => setTimeout(resolve, 80)) };
    const result = await dispatchOutbox({ tenantId: ctx.tenantId, sender: slow, claimSize: 10, budgetMs: 100 });
    expect(result.drained).toBe(false);
    expect(result.dispatched).toBe(result.claimed);
    expect(result.claimed).toBeGreaterThanOrEqual(10);
    expect(result.claimed).toBeLessThan(60);
    // Nothing left leased: the unclaimed rest is due for the next pass at once.
    expect(await pending(ctx.tenantId)).toEqual({ due: 60 - result.claimed, leased: 0 });
  });

  it('maxEvents caps one call exactly', async () => {
    const ctx = await tenant();
    await withTenant(ctx, (tx) =>
      enqueueEvents(tx, Array.from({ length: 25 }, (_, i) => ({ name: 'test/outbox.capped', data: { i }, tenantId: ctx.tenantId }))),
    );
    expect(await dispatchOutbox({ tenantId: ctx.tenantId, maxEvents: 7, claimSize: 5 })).toMatchObject({ claimed: 7, dispatched: 7 });
    expect(await pending(ctx.tenantId)).toEqual({ due: 18, leased: 0 });
  });
});
