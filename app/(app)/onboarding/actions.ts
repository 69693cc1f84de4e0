'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { userAction } from '@/lib/actions/user-action';
import { ONBOARDING_PRODUCTS } from '@/lib/tenancy/onboarding-products';
import { requireWorkspace } from '@/lib/tenancy/require-workspace';
import { completeOnboardingFor, createWorkspaceFor, startOnboardingFor } from '@/lib/tenancy/signed-in';
import { workspaceGeneralSchema } from '@/lib/tenancy/workspace-fields';

const profileName = z.string().trim().min(1, 'Tell us what to call you.').max(80, 'Use at most 80 characters.');

/** Step 1: profile and first workspace, then on to choosing products. */
export const startOnboardingAction = userAction(
  { input: workspaceGeneralSchema.extend({ profileName }) },
  async ({ input, user, meta }) => {
    const workspace = await startOnboardingFor(user, input, meta);
    redirect(`/onboarding?step=2&w=${encodeURIComponent(workspace.slug)}`);
  },
);

/** "New workspace" for people already onboarded. */
export const createWorkspaceAction = userAction({ input: workspaceGeneralSchema }, async ({ input, user, meta }) => {
  const workspace = await createWorkspaceFor(user, input, meta);
  revalidatePath('/w', 'layout');
  redirect(`/w/${encodeURIComponent(workspace.slug)}`);
});

/** Last step: onboarding is done; land in the workspace, or straight on a chosen product. */
export const finishOnboardingAction = userAction(
  { input: z.object({ w: z.string().min(1).max(100), next: z.enum(ONBOARDING_PRODUCTS).optional() }) },
  async ({ input, user }) => {
    // Only a workspace the user belongs to (404 otherwise); it also resolves an old slug.
    const { workspace } = await requireWorkspace(input.w);
    await completeOnboardingFor(user);
    const home = `/w/${encodeURIComponent(workspace.slug)}`;
    redirect(input.next ? `${home}/${input.next}` : home);
  },
);

/** For someone who joined through an invitation and doesn't need a workspace of their own. */
export const skipOnboardingAction = userAction({ input: z.object({}) }, async ({ user }) => {
  await completeOnboardingFor(user);
  redirect('/w');
});
