'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withTenant } from '@/db/tenant';
import { afterCommitDispatch, requestHello } from '@/lib/jobs';
import { deleteWorkspace } from '@/lib/tenancy/delete-workspace';
import { workspaceGeneralSchema } from '@/lib/tenancy/workspace-fields';
import { changeWorkspaceSlug, updateWorkspaceGeneral } from '@/lib/tenancy/workspace-settings';
import { workspaceAction } from '@/lib/tenancy/workspace-action';

/** Runs the platform check workflow: outbox row in this transaction, dispatched after commit. */
export const runHelloAction = workspaceAction({ input: z.object({}), permission: 'jobs.run' }, async ({ access }) => {
  const eventId = await withTenant(access.ctx, (tx) => requestHello(tx, access.ctx.tenantId, access.ctx.userId));
  void afterCommitDispatch();
  revalidatePath(`/w/${access.workspace.slug}/settings`);
  return { eventId };
});

export const updateGeneralAction = workspaceAction(
  { input: workspaceGeneralSchema, permission: 'workspace.update' },
  async ({ input, access, meta }) => {
    await updateWorkspaceGeneral(access.ctx, input, meta);
    // The name shows in the shell on every page of the workspace.
    revalidatePath(`/w/${access.workspace.slug}`, 'layout');
    return null;
  },
);

export const changeSlugAction = workspaceAction(
  // Validated in lib (slugSchema) so the rule lives with the check for a taken slug.
  { input: z.object({ slug: z.string().max(200) }), permission: 'workspace.update' },
  async ({ input, access, meta }) => {
    const { slug, previous } = await changeWorkspaceSlug(access.ctx, input.slug, meta);
    if (slug === previous) return null;
    revalidatePath('/w', 'layout');
    redirect(`/w/${encodeURIComponent(slug)}/settings`);
  },
);

export const deleteWorkspaceAction = workspaceAction(
  { input: z.object({ confirmation: z.string().max(200) }), permission: 'workspace.delete' },
  async ({ input, access, meta }) => {
    await deleteWorkspace(access.ctx, input.confirmation, meta);
    revalidatePath('/w', 'layout');
    redirect('/w');
  },
);
