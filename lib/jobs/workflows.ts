import { count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, workspaces } from '@/db/schema';
import { withTenant, type Tx } from '@/db/tenant';
import { defineWorkflow } from './define-workflow';
import { enqueueWorkflow } from './outbox';

/** The smallest workflow that crosses every layer: outbox → runner → tenant data → job_runs. */
export const helloWorkflow = defineWorkflow({
  name: 'platform-hello',
  event: 'platform/hello.requested',
  schema: z.object({ tenantId: z.uuid(), requestedBy: z.uuid().nullable().optional() }),
  concurrencyKey: 'tenantId',
  retries: 2,
  async run(_payload, step, ctx) {
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
});

/** Asks for a hello run in the caller's transaction; returns the event id (the run's idempotency key). */
export function requestHello(tx: Tx, tenantId: string, requestedBy?: string | null): Promise<string> {
  return enqueueWorkflow(tx, helloWorkflow, { tenantId, requestedBy: requestedBy ?? null });
}
