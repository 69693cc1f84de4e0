'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { deleteWorkspace } from '@/lib/tenancy/delete-workspace';
import { REQUIRE_TWO_FACTOR_FEATURE, setTwoFactorRequirement } from '@/lib/tenancy/two-factor-requirement';
import { workspaceGeneralSchema } from '@/lib/tenancy/workspace-fields';
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

export const deleteWorkspaceAction = workspaceAction(
  { input: z.object({ confirmation: z.string().max(200) }), permission: 'workspace.delete', system: 'tenancy: delete workspace' },
  async ({ input, tx, access, meta }) => {
    await deleteWorkspace(tx, access.ctx, input.confirmation, meta);
    revalidatePath('/w', 'layout');
    redirect('/w');
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
