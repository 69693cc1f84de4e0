import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenantContext, withTenant, type TenantContext } from '@/db/tenant';
import { enqueueEvents, MAX_EVENT_DATA_BYTES, type OutboxEvent } from '@/lib/jobs/outbox';
import { batchRows, eventBytes } from '@/lib/jobs/outbox-senders';
import { createTenant, systemQuery } from '../../helpers/database';

let a: TenantContext;
let b: TenantContext;

beforeAll(async () => {
  const one = await createTenant();
  const two = await createTenant();
  a = tenantContext({ tenantId: one.workspace.id, userId: one.user.id, role: 'owner', via: 'session' });
  b = tenantContext({ tenantId: two.workspace.id, userId: two.user.id, role: 'owner', via: 'session' });
});

const count = async (tenantId: string) =>
  (await systemQuery<{ n: number }>(sql`select count(*)::int as n from outbox where tenant_id = ${tenantId}`))[0]!.n;

describe('enqueueEvents', () => {
  it('writes many events in one call and returns their ids in input order', async () => {
    const ids = await withTenant(a, (tx) =>
      enqueueEvents(tx, Array.from({ length: 1_500 }, (_, i) => ({ name: 'test/outbox.many', data: { i }, tenantId: a.tenantId }))),
    );
    expect(ids).toHaveLength(1_500);
    const rows = await systemQuery<{ id: string; i: number; tenant: string; pending: boolean }>(sql`
      select id, (data->>'i')::int as i, data->>'tenantId' as tenant, dispatched_at is null and attempts = 0 as pending
      from outbox where name = 'test/outbox.many' and tenant_id = ${a.tenantId}`);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(ids.map((id) => byId.get(id)?.i)).toEqual(Array.from({ length: 1_500 }, (_, i) => i));
    expect(rows.every((row) => row.tenant === a.tenantId && row.pending)).toBe(true);
  });

  it('an empty list writes nothing', async () => {
    expect(await withTenant(a, (tx) => enqueueEvents(tx, []))).toEqual([]);
  });

  it('one invalid input rejects the whole call before anything is written', async () => {
    const before = await count(b.tenantId);
    await expect(
      withTenant(b, (tx) =>
        enqueueEvents(tx, [
          { name: 'test/outbox.fine', data: {}, tenantId: b.tenantId },
          { name: 'Not An Event', data: {}, tenantId: b.tenantId },
        ]),
      ),
    ).rejects.toThrow(/module\/thing.happened/);
    expect(await count(b.tenantId)).toBe(before);
  });

  it('refuses event data Inngest could never accept', async () => {
    const big = 'x'.repeat(MAX_EVENT_DATA_BYTES);
    await expect(
      withTenant(a, (tx) => enqueueEvents(tx, [{ name: 'test/outbox.huge', data: { big }, tenantId: a.tenantId }])),
    ).rejects.toThrow(/store it in a table/);
  });

  it('row-level security checks every row: no event for another workspace slips into a batch', async () => {
    const before = await count(b.tenantId);
    await expect(
      withTenant(a, (tx) =>
        enqueueEvents(tx, [
          { name: 'test/outbox.mine', data: {}, tenantId: a.tenantId },
          { name: 'test/outbox.theirs', data: {}, tenantId: b.tenantId },
        ]),
      ),
    ).rejects.toThrow();
    expect(await count(b.tenantId)).toBe(before);
  });
});

describe('send batches', () => {
  const event = (i: number, pad = 0): OutboxEvent => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: 'test/outbox.batch',
    data: { i, pad: 'x'.repeat(pad) },
    tenantId: null,
    attempts: 0,
  });

  it('split by count, in order', () => {
    const rows = Array.from({ length: 7 }, (_, i) => event(i));
    const batches = batchRows(rows, { maxEvents: 3 });
    expect(batches.map((batch) => batch.length)).toEqual([3, 3, 1]);
    expect(batches.flat()).toEqual(rows);
  });

  it('split by bytes, each batch within the limit less the request margin', () => {
    const rows = Array.from({ length: 50 }, (_, i) => event(i, 900));
    const maxBytes = 10 * 1024;
    const batches = batchRows(rows, { maxEvents: 1_000, maxBytes });
    expect(batches.length).toBeGreaterThan(5);
    expect(batches.flat()).toEqual(rows);
    for (const batch of batches) expect(batch.reduce((n, row) => n + eventBytes(row), 0)).toBeLessThanOrEqual(maxBytes - 1_024);
  });

  it('an event larger than the byte limit goes alone, without holding up the others', () => {
    const rows = [event(1), event(2, 20_000), event(3)];
    expect(batchRows(rows, { maxBytes: 10 * 1024 }).map((batch) => batch.map((row) => row.data.i))).toEqual([[1], [2], [3]]);
  });
});
