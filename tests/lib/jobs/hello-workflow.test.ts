import { beforeAll, describe, expect, it } from 'vitest';
import { tenantContext, withTenant, type TenantContext } from '@/db/tenant';
import { dispatchOutbox, findJobRun, inlineRunsSettled, listJobRuns, requestHello, workflowBackend } from '@/lib/jobs';
import { configureInlineRunner } from '@/lib/jobs/inline-runner';
import { createTenant } from '../../helpers/database';

let ctx: TenantContext;
let other: TenantContext;
let workspaceName: string;

beforeAll(async () => {
  configureInlineRunner({ sleep: async () => {}, backoffOverride: { initialMs: 1, maxMs: 1 } });
  const a = await createTenant();
  const b = await createTenant();
  ctx = tenantContext({ tenantId: a.workspace.id, userId: a.user.id, role: 'owner', via: 'session' });
  other = tenantContext({ tenantId: b.workspace.id, userId: b.user.id, role: 'owner', via: 'session' });
  workspaceName = a.workspace.name;
});

describe('platform-hello end to end (inline)', () => {
  it('enqueue → dispatch → job_runs succeeded with the greeting', async () => {
    expect(workflowBackend()).toBe('inline');
    const eventId = await withTenant(ctx, (tx) => requestHello(tx, ctx.tenantId, ctx.userId));
    expect(await dispatchOutbox({ tenantId: ctx.tenantId })).toMatchObject({ dispatched: 1 });
    await inlineRunsSettled();

    const run = await withTenant(ctx, (tx) => findJobRun(tx, 'platform-hello', eventId));
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1, progress: 100, tenantId: ctx.tenantId, error: null });
    expect(run!.output).toEqual({ members: 1, greeting: `Hello, ${workspaceName}` });

    // The workspace sees its run; another workspace sees nothing of it.
    const mine = await withTenant(ctx, (tx) => listJobRuns(tx, ctx.tenantId, { workflow: 'platform-hello' }));
    expect(mine.map((r) => r.id)).toContain(run!.id);
    expect(await withTenant(other, (tx) => listJobRuns(tx, ctx.tenantId))).toEqual([]);

    // A second dispatch finds nothing left; the run is not repeated.
    expect(await dispatchOutbox({ tenantId: ctx.tenantId })).toMatchObject({ claimed: 0 });
  });
});
