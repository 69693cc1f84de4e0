'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withTenant } from '@/db/tenant';
import { afterCommitDispatch, requestHello } from '@/lib/jobs';
import { workspaceAction } from '@/lib/tenancy/workspace-action';

/** Runs the platform check workflow: outbox row in this transaction, dispatched after commit. */
export const runHelloAction = workspaceAction({ input: z.object({}), permission: 'jobs.run' }, async ({ access }) => {
  const eventId = await withTenant(access.ctx, (tx) => requestHello(tx, access.ctx.tenantId, access.ctx.userId));
  void afterCommitDispatch();
  revalidatePath(`/w/${access.workspace.slug}/settings`);
  return { eventId };
});
