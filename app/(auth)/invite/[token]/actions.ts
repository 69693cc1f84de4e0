'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { userAction } from '@/lib/actions/user-action';
import { signOut } from '@/lib/auth';
import { twoFactorRequiredPath } from '@/lib/tenancy/two-factor-requirement';
import { looksLikeInvitationToken } from '@/lib/tenancy/invitation-tokens';
import { acceptInvitationAs } from '@/lib/tenancy/signed-in';

export const acceptInvitationAction = userAction({ input: z.object({ token: z.string().max(100) }) }, async ({ input, user, meta }) => {
  const { workspaceSlug, twoFactorRequired } = await acceptInvitationAs(user, input.token, meta);
  revalidatePath('/w', 'layout');
  redirect(twoFactorRequired ? twoFactorRequiredPath(workspaceSlug) : `/w/${encodeURIComponent(workspaceSlug)}`);
});

/** Signed in as someone else: sign out and come back to the same invitation (always ends in a redirect). */
const switchAccount = userAction({ input: z.object({ token: z.string().max(100) }) }, async ({ input }) => {
  await signOut({
    redirectTo: looksLikeInvitationToken(input.token) ? `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${input.token}`)}` : '/sign-in',
  });
});

/** A plain form action (the button needs no state): the wrapper parses, the redirect is the answer. */
export async function switchAccountAction(formData: FormData): Promise<void> {
  await switchAccount(null, formData);
}
