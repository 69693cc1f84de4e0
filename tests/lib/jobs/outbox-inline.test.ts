import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { tenantContext, withTenant } from '@/db/tenant';
import { defineWorkflow, eraseWorkflow } from '@/lib/jobs/define-workflow';
import { inlineRunsSettled } from '@/lib/jobs/inline-runner';
import { dispatchOutbox, enqueueEvents, inlineSender } from '@/lib/jobs/outbox';
import { createTenant, systemQuery } from '../../helpers/database';

describe('inline sender', () => {
  it('hands every event to the inline runner and marks it dispatched without waiting for the runs', async () => {
    const { user, workspace } = await createTenant();
    const ctx = tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const workflow = eraseWorkflow(
      defineWorkflow(
        { id: 'test-outbox-gated', trigger: { event: 'test/outbox.gated' }, schema: z.object({ i: z.number(), tenantId: z.uuid() }), retries: 0 },
        async (payload) => {
          await gate;
          return { i: payload.i };
        },
      ),
    );
    await withTenant(ctx, (tx) =>
      enqueueEvents(tx, Array.from({ length: 20 }, (_, i) => ({ name: 'test/outbox.gated', data: { i }, tenantId: ctx.tenantId }))),
    );
    const sender = inlineSender({ workflowsFor: (name) => (name === workflow.event ? [workflow] : []) });

    // Resolves while all 20 runs are still waiting at the gate.
    expect(await dispatchOutbox({ tenantId: ctx.tenantId, sender })).toMatchObject({ dispatched: 20, drained: true });
    const runs = () =>
      systemQuery<{ status: string; n: number }>(
        sql`select status::text, count(*)::int as n from job_runs where workflow = 'test-outbox-gated' and tenant_id = ${ctx.tenantId} group by status`,
      );
    expect((await runs()).find((r) => r.status === 'succeeded')).toBeUndefined();

    release();
    await inlineRunsSettled();
    expect(await runs()).toEqual([{ status: 'succeeded', n: 20 }]);
  });
});
