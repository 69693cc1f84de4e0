// First: sets up what the Next server provides before next/server is loaded by lib/jobs.
import { fakeRequest } from '../../helpers/next-request-scope';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { tenantContext, withTenant, type TenantContext } from '@/db/tenant';
import { afterCommitDispatch, dispatchAfterResponse, enqueueEvents, outboxDispatchSettled } from '@/lib/jobs/outbox';
import { createTenant, systemQuery } from '../../helpers/database';

let ctx: TenantContext;

beforeAll(async () => {
  const { user, workspace } = await createTenant();
  ctx = tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' });
});

async function pending(): Promise<number> {
  const [row] = await systemQuery<{ n: number }>(
    sql`select count(*)::int as n from outbox where tenant_id = ${ctx.tenantId} and dispatched_at is null`,
  );
  return row!.n;
}

const enqueue = (count: number, name = 'test/outbox.after-commit') =>
  withTenant(ctx, (tx) => enqueueEvents(tx, Array.from({ length: count }, (_, i) => ({ name, data: { i }, tenantId: ctx.tenantId }))));

describe('dispatch after commit', () => {
  it('in a request, runs through after(): nothing is sent before the response closes, everything after', async () => {
    await enqueue(40);
    const request = fakeRequest();
    expect(request.run(() => dispatchAfterResponse())).toBe('after-response');
    // The response has not been sent: the dispatch is still waiting for it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await pending()).toBe(40);
    await request.close();
    await outboxDispatchSettled();
    expect(await pending()).toBe(0);
  });

  it('outside a request scope (scripts, tests, runners), kicks a dispatch at once', async () => {
    await enqueue(25);
    expect(dispatchAfterResponse()).toBe('now');
    await outboxDispatchSettled();
    expect(await pending()).toBe(0);
  });

  it('inside an open transaction, does nothing and does not throw (the events are not committed yet)', async () => {
    const outcome = await withTenant(ctx, async (tx) => {
      await enqueueEvents(tx, [{ name: 'test/outbox.in-tx', data: {}, tenantId: ctx.tenantId }]);
      return dispatchAfterResponse();
    });
    expect(outcome).toBe('skipped-in-transaction');
    await outboxDispatchSettled();
    expect(await pending()).toBe(1);
    await afterCommitDispatch();
    expect(await pending()).toBe(0);
  });

  it('kicks that arrive while a dispatch runs fold into one more pass, and nothing is left behind', async () => {
    await enqueue(300);
    const first = afterCommitDispatch();
    // Kicks while the first pass runs share its promise (and ask it for one more pass).
    expect(afterCommitDispatch()).toBe(first);
    expect(afterCommitDispatch()).toBe(first);
    // Events committed while it runs: folded into its extra pass, or a new one if it had finished.
    await enqueue(200, 'test/outbox.after-commit.late');
    await Promise.all([first, afterCommitDispatch()]);
    // On a shared Postgres another test file's dispatcher may hold some of these rows for a
    // moment (skip locked): they are still delivered, just not by this pass.
    await expect.poll(pending, { timeout: 10_000 }).toBe(0);
  });

  it('never rejects, even when the dispatch itself fails (the sweep delivers later)', async () => {
    // A kick from inside a transaction cannot open its own: the failure is logged, not thrown.
    await expect(withTenant(ctx, () => afterCommitDispatch())).resolves.toBeUndefined();
  });
});
