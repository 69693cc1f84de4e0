'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { requestHello } from '@/lib/jobs';

/** Runs the platform check workflow: its outbox row commits with the action and is dispatched after it. */
export const runHelloAction = workspaceAction(
  { input: z.object({}), permission: 'jobs.run', feature: 'jobs.run' },
  async ({ tx, access }) => {
    const eventId = await requestHello(tx, access.ctx.tenantId, access.ctx.userId);
    revalidatePath(`/w/${access.workspace.slug}/settings/jobs`);
    return { eventId };
  },
);
