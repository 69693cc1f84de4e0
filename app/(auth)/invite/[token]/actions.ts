'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signOut } from '@/lib/auth';
import { acceptInvitation } from '@/lib/tenancy/accept-invitation';
import { looksLikeInvitationToken } from '@/lib/tenancy/invitation-tokens';
import { userAction } from '@/lib/tenancy/user-action';

export const acceptInvitationAction = userAction({ input: z.object({ token: z.string().max(100) }) }, async ({ input, user, meta }) => {
  const { workspaceSlug } = await acceptInvitation(user, input.token, meta);
  revalidatePath('/w', 'layout');
  redirect(`/w/${encodeURIComponent(workspaceSlug)}`);
});

/** Signed in as someone else: sign out and come back to the same invitation. */
export async function switchAccountAction(formData: FormData): Promise<void> {
  const token = String(formData.get('token') ?? '');
  await signOut({ redirectTo: looksLikeInvitationToken(token) ? `/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}` : '/sign-in' });
}
