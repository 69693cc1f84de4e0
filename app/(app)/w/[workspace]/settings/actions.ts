'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { REQUIRE_TWO_FACTOR_FEATURE, setTwoFactorRequirement } from '@/lib/tenancy/two-factor-requirement';
import { workspaceGeneralSchema } from '@/lib/tenancy/workspace-fields';
import { cancelWorkspaceDeletion, scheduleWorkspaceDeletion } from '@/lib/tenancy/workspace-deletion';
import { changeWorkspaceSlug, updateWorkspaceGeneral } from '@/lib/tenancy/workspace-settings';

export const updateGeneralAction = workspaceAction(
  { input: workspaceGeneralSchema, permission: 'workspace.update' },
  async ({ input, tx, access, meta }) => {
    await updateWorkspaceGeneral(tx, access.ctx, input, meta);
    // The name shows in the shell on every page of the workspace.
    revalidatePath(`/w/${access.workspace.slug}`, 'layout');
    return null;
  },
);

export const changeSlugAction = workspaceAction(
  // Validated in lib (slugSchema) so the rule lives with the check for a taken slug.
  { input: z.object({ slug: z.string().max(200) }), permission: 'workspace.update' },
  async ({ input, tx, access, meta }) => {
    const { slug, previous } = await changeWorkspaceSlug(tx, access.ctx, input.slug, meta);
    if (slug === previous) return null;
    revalidatePath('/w', 'layout');
    redirect(`/w/${encodeURIComponent(slug)}/settings`);
  },
);

export const scheduleDeletionAction = workspaceAction(
  { input: z.object({ confirmation: z.string().max(200) }), permission: 'workspace.delete' },
  async ({ input, tx, access, meta }) => {
    await scheduleWorkspaceDeletion(tx, access.ctx, input.confirmation, meta);
    // The read-only banner shows on every page of the workspace.
    revalidatePath(`/w/${access.workspace.slug}`, 'layout');
    return null;
  },
);

export const cancelDeletionAction = workspaceAction(
  { input: z.object({}), permission: 'workspace.delete', whileDeletionScheduled: 'allowed' },
  async ({ tx, access, meta }) => {
    await cancelWorkspaceDeletion(tx, access.ctx, meta);
    revalidatePath(`/w/${access.workspace.slug}`, 'layout');
    return null;
  },
);

export const updateTwoFactorRequirementAction = workspaceAction(
  {
    // A checkbox: sent as "on" when ticked, absent when not.
    input: z.object({ requireTwoFactor: z.literal('on').optional().transform((value) => value === 'on') }),
    permission: 'security.manage',
    // A plan without it gets the standard payment_required refusal, before anything is read.
    feature: REQUIRE_TWO_FACTOR_FEATURE,
  },
  async ({ input, tx, access, meta }) => {
    await setTwoFactorRequirement(tx, access.ctx, input.requireTwoFactor, meta);
    // The members page flags who hasn't set it up.
    revalidatePath(`/w/${access.workspace.slug}/settings`, 'layout');
    return null;
  },
);
