import { sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { tenantContext, withTenant, type TenantContext } from '@/db/tenant';
import { inngest } from '@/lib/jobs/inngest-client';
import { dispatchOutbox, enqueueEvent, type OutboxEvent, type OutboxSender } from '@/lib/jobs/outbox';
import { createTenant, systemQuery } from '../../helpers/database';

type Side = { ctx: TenantContext; tenantId: string };

async function side(): Promise<Side> {
  const { user, workspace } = await createTenant();
  return { ctx: tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' }), tenantId: workspace.id };
}

function recordingSender(maxEvents?: number): OutboxSender & { sent: OutboxEvent[] } {
  const sent: OutboxEvent[] = [];
  return {
    sent,
    maxEvents,
    async send(batch) {
      // A little latency so two dispatchers really overlap.
      await new Promise((resolve) => setTimeout(resolve, 5));
      sent.push(...batch);
    },
  };
}

type Row = { id: string; attempts: number; last_error: string | null; dispatched: boolean; delay_s: number };

function outboxRows(tenantId: string) {
  return systemQuery<Row>(sql`
    select id, attempts, last_error, dispatched_at is not null as dispatched,
           extract(epoch from (available_at - clock_timestamp()))::float8 as delay_s
    from outbox where tenant_id = ${tenantId} order by created_at`);
}

let a: Side;
beforeAll(async () => {
  a = await side();
});

describe('outbox', () => {
  it('an event enqueued in a transaction that rolls back is never dispatched', async () => {
    const tenant = await side();
    await expect(
      withTenant(tenant.ctx, async (tx) => {
        await enqueueEvent(tx, { name: 'test/outbox.rolled-back', data: { x: 1 }, tenantId: tenant.tenantId });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    const sender = recordingSender();
    expect(await dispatchOutbox({ tenantId: tenant.tenantId, sender })).toMatchObject({ claimed: 0, dispatched: 0, failed: 0, drained: true });
    expect(sender.sent).toHaveLength(0);
    expect(await outboxRows(tenant.tenantId)).toHaveLength(0);
  });

  it('a committed event carries its tenant and is dispatched once, even by two concurrent dispatchers', async () => {
    const tenant = await side();
    const ids = await withTenant(tenant.ctx, async (tx) => {
      const out: string[] = [];
      for (let i = 0; i < 6; i++) out.push(await enqueueEvent(tx, { name: 'test/outbox.committed', data: { i }, tenantId: tenant.tenantId }));
      return out;
    });
    const sender = recordingSender();
    const results = await Promise.all([
      dispatchOutbox({ tenantId: tenant.tenantId, sender, claimSize: 2 }),
      dispatchOutbox({ tenantId: tenant.tenantId, sender, claimSize: 2 }),
    ]);
    // Both loop until drained: whatever the split between the two, nothing is sent twice.
    const sentIds = sender.sent.map((row) => row.id);
    expect(new Set(sentIds).size).toBe(sentIds.length);
    expect([...sentIds].sort()).toEqual([...ids].sort());
    expect(results.reduce((n, r) => n + r.dispatched, 0)).toBe(6);
    expect(sender.sent[0]!.data).toMatchObject({ tenantId: tenant.tenantId });
    expect((await outboxRows(tenant.tenantId)).every((row) => row.dispatched)).toBe(true);
    expect(await dispatchOutbox({ tenantId: tenant.tenantId, sender })).toMatchObject({ claimed: 0 });
  });

  it('a failing send is retried later with backoff, then delivered', async () => {
    const tenant = await side();
    await withTenant(tenant.ctx, (tx) => enqueueEvent(tx, { name: 'test/outbox.flaky', data: {}, tenantId: tenant.tenantId }));
    const failing: OutboxSender = {
      send: async () => {
        throw new Error('inngest unreachable');
      },
    };
    expect(await dispatchOutbox({ tenantId: tenant.tenantId, sender: failing })).toMatchObject({ claimed: 1, dispatched: 0, failed: 1, drained: false });
    let [row] = await outboxRows(tenant.tenantId);
    expect(row).toMatchObject({ attempts: 1, dispatched: false });
    expect(row!.last_error).toContain('inngest unreachable');
    expect(row!.delay_s).toBeGreaterThan(10);

    // Not due yet: the next pass leaves it alone.
    const sender = recordingSender();
    expect(await dispatchOutbox({ tenantId: tenant.tenantId, sender })).toMatchObject({ claimed: 0 });

    // A second failure backs off further.
    await systemQuery(sql`update outbox set available_at = clock_timestamp() - interval '1 second' where tenant_id = ${tenant.tenantId}`);
    await dispatchOutbox({ tenantId: tenant.tenantId, sender: failing });
    const [second] = await outboxRows(tenant.tenantId);
    expect(second!.attempts).toBe(2);
    expect(second!.delay_s).toBeGreaterThan(row!.delay_s);

    await systemQuery(sql`update outbox set available_at = clock_timestamp() - interval '1 second' where tenant_id = ${tenant.tenantId}`);
    expect(await dispatchOutbox({ tenantId: tenant.tenantId, sender })).toMatchObject({ dispatched: 1 });
    [row] = await outboxRows(tenant.tenantId);
    expect(row).toMatchObject({ dispatched: true, last_error: null, attempts: 2 });
  });

  it('rejects bad event input and a data tenant that contradicts the row', async () => {
    await expect(withTenant(a.ctx, (tx) => enqueueEvent(tx, { name: 'Not An Event', data: {}, tenantId: a.tenantId }))).rejects.toThrow();
    await expect(
      withTenant(a.ctx, (tx) =>
        enqueueEvent(tx, { name: 'test/outbox.bad', data: { tenantId: '00000000-0000-4000-8000-000000000000' }, tenantId: a.tenantId }),
      ),
    ).rejects.toThrow(/tenantId/);
  });

  it('a workspace cannot enqueue an event for another workspace (RLS)', async () => {
    const b = await side();
    await expect(withTenant(a.ctx, (tx) => enqueueEvent(tx, { name: 'test/outbox.foreign', data: {}, tenantId: b.tenantId }))).rejects.toThrow();
  });
});

describe('outbox with Inngest configured', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.restoreAllMocks();
  });

  it('sends the rows to Inngest in one request, the row id as the event id', async () => {
    process.env.INNGEST_EVENT_KEY = 'test-event-key';
    process.env.INNGEST_SIGNING_KEY = 'signkey-test-0123456789abcdef';
    const send = vi.spyOn(inngest, 'send').mockResolvedValue({ ids: ['x'] });
    const tenant = await side();
    const id = await withTenant(tenant.ctx, (tx) => enqueueEvent(tx, { name: 'test/outbox.to-inngest', data: { k: 'v' }, tenantId: tenant.tenantId }));
    expect(await dispatchOutbox({ tenantId: tenant.tenantId })).toMatchObject({ dispatched: 1 });
    expect(send).toHaveBeenCalledWith([{ id, name: 'test/outbox.to-inngest', data: { k: 'v', tenantId: tenant.tenantId } }]);
  });
});
