import { sql } from 'drizzle-orm';
import { Inngest } from 'inngest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tenantContext, withTenant, type TenantContext } from '@/db/tenant';
import { dispatchOutbox, enqueueEvents, inngestSender } from '@/lib/jobs/outbox';
import { startFakeInngestReceiver, type FakeInngestReceiver } from '../../helpers/fake-inngest-receiver';
import { createTenant, systemQuery } from '../../helpers/database';

type Row = { id: string; attempts: number; last_error: string | null; dispatched: boolean; delay_s: number };

function outboxRows(tenantId: string) {
  return systemQuery<Row>(sql`
    select id, attempts, last_error, dispatched_at is not null as dispatched,
           extract(epoch from (available_at - clock_timestamp()))::float8 as delay_s
    from outbox where tenant_id = ${tenantId}`);
}

async function tenant(): Promise<TenantContext> {
  const { user, workspace } = await createTenant();
  return tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' });
}

function enqueueMany(ctx: TenantContext, count: number, name: string, pad = '') {
  return withTenant(ctx, (tx) =>
    enqueueEvents(
      tx,
      Array.from({ length: count }, (_, i) => ({ name, data: { i, pad }, tenantId: ctx.tenantId })),
    ),
  );
}

let receiver: FakeInngestReceiver;
let client: Inngest;

beforeAll(async () => {
  receiver = await startFakeInngestReceiver();
  // The real SDK client, pointed at the local receiver: the request it builds is the one Inngest gets.
  client = new Inngest({ id: 'outbox-receiver-test', baseUrl: receiver.url, eventKey: 'test-event-key', isDev: false });
});

afterAll(async () => {
  await receiver.close();
});

describe('outbox dispatch against an HTTP receiver standing in for Inngest', () => {
  it('sends every event exactly once, in batches within the count limit, with the row id as event id', async () => {
    const ctx = await tenant();
    const ids = await enqueueMany(ctx, 1_200, 'test/outbox.batched');
    const before = receiver.accepted.length;

    const result = await dispatchOutbox({ tenantId: ctx.tenantId, sender: inngestSender({ client, maxEvents: 500 }) });
    expect(result).toMatchObject({ claimed: 1_200, dispatched: 1_200, failed: 0, batches: 3, drained: true });

    const requests = receiver.accepted.slice(before);
    expect(requests.map((batch) => batch.length).sort((x, y) => x - y)).toEqual([200, 500, 500]);
    const received = requests.flat();
    expect(received).toHaveLength(1_200);
    expect(new Set(received.map((e) => e.id)).size).toBe(1_200);
    expect(new Set(received.map((e) => e.id))).toEqual(new Set(ids));
    expect(received[0]).toMatchObject({ name: 'test/outbox.batched', data: { tenantId: ctx.tenantId } });
    expect((await outboxRows(ctx.tenantId)).every((row) => row.dispatched)).toBe(true);
  });

  it('keeps each request within the byte limit', async () => {
    const ctx = await tenant();
    await enqueueMany(ctx, 100, 'test/outbox.sized', 'x'.repeat(1_000));
    const before = receiver.accepted.length;
    receiver.maxRequestBytes = 0;

    const result = await dispatchOutbox({ tenantId: ctx.tenantId, sender: inngestSender({ client, maxBytes: 20 * 1024 }) });
    expect(result).toMatchObject({ dispatched: 100, failed: 0 });
    const requests = receiver.accepted.slice(before);
    expect(requests.length).toBeGreaterThanOrEqual(6);
    expect(requests.flat()).toHaveLength(100);
    expect(receiver.maxRequestBytes).toBeLessThanOrEqual(20 * 1024);
  });

  it('a refused batch stays pending with backoff while the other batches are marked dispatched; a later pass sends it once', async () => {
    const ctx = await tenant();
    const ids = await enqueueMany(ctx, 900, 'test/outbox.partial');
    const poison = ids[0]!;
    const before = receiver.accepted.length;
    receiver.refuseWhen((events) => events.some((e) => e.id === poison));
    try {
      const result = await dispatchOutbox({ tenantId: ctx.tenantId, sender: inngestSender({ client, maxEvents: 300 }) });
      expect(result).toMatchObject({ claimed: 900, dispatched: 600, failed: 300, batches: 3 });
    } finally {
      receiver.refuseWhen(null);
    }
    // The SDK retried the refused request before giving up; none of those attempts was accepted.
    expect(receiver.refused).toBeGreaterThanOrEqual(1);

    const rows = await outboxRows(ctx.tenantId);
    const pending = rows.filter((row) => !row.dispatched);
    const sent = rows.filter((row) => row.dispatched);
    expect(pending).toHaveLength(300);
    expect(pending.map((row) => row.id)).toContain(poison);
    for (const row of pending) {
      expect(row.attempts).toBe(1);
      expect(row.last_error).toContain('fake receiver refused');
      expect(row.delay_s).toBeGreaterThan(10);
    }
    expect(sent.every((row) => row.attempts === 0 && row.last_error === null)).toBe(true);
    const firstPass = receiver.accepted.slice(before).flat();
    expect(new Set(firstPass.map((e) => e.id))).toEqual(new Set(sent.map((row) => row.id)));

    // Not due yet: a pass now sends nothing.
    expect(await dispatchOutbox({ tenantId: ctx.tenantId, sender: inngestSender({ client }) })).toMatchObject({ claimed: 0 });

    await systemQuery(sql`update outbox set available_at = clock_timestamp() - interval '1 second' where tenant_id = ${ctx.tenantId} and dispatched_at is null`);
    expect(await dispatchOutbox({ tenantId: ctx.tenantId, sender: inngestSender({ client }) })).toMatchObject({ dispatched: 300, failed: 0 });
    const all = receiver.accepted.slice(before).flat().map((e) => e.id);
    expect(all).toHaveLength(900);
    expect(new Set(all)).toEqual(new Set(ids));
    expect((await outboxRows(ctx.tenantId)).every((row) => row.dispatched)).toBe(true);
  });

  it('when every batch of a claim fails, the pass stops and leaves the unclaimed rest due', async () => {
    const ctx = await tenant();
    await enqueueMany(ctx, 30, 'test/outbox.receiver-down');
    receiver.refuseWhen(() => true);
    try {
      const result = await dispatchOutbox({ tenantId: ctx.tenantId, claimSize: 10, sender: inngestSender({ client }) });
      expect(result).toMatchObject({ claimed: 10, dispatched: 0, failed: 10, drained: false });
    } finally {
      receiver.refuseWhen(null);
    }
    const rows = await outboxRows(ctx.tenantId);
    expect(rows.filter((row) => row.attempts === 1)).toHaveLength(10);
    // The other 20 were never tried: still due now, not pushed into backoff.
    expect(rows.filter((row) => row.attempts === 0 && row.delay_s <= 0)).toHaveLength(20);
  });
});
