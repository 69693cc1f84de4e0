import { count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, workspaces } from '@/db/schema';
import { withTenant, type Tx } from '@/db/tenant';
import { defineWorkflow } from './define-workflow';
import { dispatchOutbox, enqueueWorkflow } from './outbox';

/** The smallest workflow that crosses every layer: outbox → runner → tenant data → job_runs. */
export const helloWorkflow = defineWorkflow(
  {
    id: 'platform-hello',
    trigger: { event: 'platform/hello.requested' },
    schema: z.object({ tenantId: z.uuid(), requestedBy: z.uuid().nullable().optional() }),
    // One check per workspace at a time; a double click queues the second behind the first.
    concurrency: { limit: 1, key: 'tenantId' },
    retries: 2,
    timeout: '5m',
  },
  async (_payload, step, ctx) => {
    const workspace = await step.run('count-members', () =>
      withTenant(ctx.asTenant(), async (tx) => {
        const [ws] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ctx.tenantId!));
        const [members] = await tx.select({ n: count() }).from(memberships);
        return { name: ws?.name ?? 'workspace', members: Number(members?.n ?? 0) };
      }),
    );
    await step.progress(50, 'Counted members');
    return step.run('compose-greeting', async () => ({ members: workspace.members, greeting: `Hello, ${workspace.name}` }));
  },
);

/** Asks for a hello run in the caller's transaction; returns the event id (the run's idempotency key). */
export function requestHello(tx: Tx, tenantId: string, requestedBy?: string | null): Promise<string> {
  return enqueueWorkflow(tx, helloWorkflow, { tenantId, requestedBy: requestedBy ?? null });
}

/** Every minute: catches events whose after-commit dispatch was lost (crash, failed send). */
export const outboxSweepWorkflow = defineWorkflow(
  { id: 'outbox-sweep', trigger: { cron: 'TZ=UTC * * * * *' }, retries: 1, timeout: '2m' },
  async (_payload, step) => step.run('dispatch-outbox', () => dispatchOutbox()),
);
