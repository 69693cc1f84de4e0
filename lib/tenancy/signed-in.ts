import { withSystem } from '@/db/tenant';
import { acceptInvitation, previewInvitation, type InvitationPreview } from './accept-invitation';
import { createOwnedWorkspace, type CreatedWorkspace } from './create-workspace';
import { completeOnboarding, onboardingState, startOnboarding, type OnboardingState } from './onboarding';
import type { RequestMeta } from './request-meta';
import type { SessionUser } from './session';
import type { WorkspaceGeneralInput } from './workspace-fields';
import { defaultWorkspaceSlug, findMembershipBySlug } from './workspaces';

/**
 * Entry points for a signed-in person outside any workspace — onboarding, creating a workspace,
 * invitations, where `/w` goes. There is no tenant to act in yet, so each opens the one system
 * transaction for its use case and composes `fn(tx, …)` functions inside it; the pages and
 * userAction handlers that call them open none themselves (app/ never imports withSystem).
 * Inside a workspace the wrappers own the transaction instead (lib/actions/workspace-action.ts,
 * lib/actions/workspace-page.ts).
 */

export function onboardingStateFor(userId: string): Promise<OnboardingState> {
  return withSystem('tenancy: onboarding state', (tx) => onboardingState(tx, userId));
}

/** Onboarding step 1: the profile and the first workspace, together. */
export function startOnboardingFor(user: SessionUser, input: WorkspaceGeneralInput & { profileName: string }, meta: RequestMeta): Promise<CreatedWorkspace> {
  return withSystem('tenancy: onboarding: profile and first workspace', (tx) => startOnboarding(tx, user.id, input, meta));
}

export function completeOnboardingFor(user: SessionUser): Promise<void> {
  return withSystem('tenancy: onboarding complete', (tx) => completeOnboarding(tx, user.id));
}

/** "New workspace", for someone already onboarded. */
export function createWorkspaceFor(user: SessionUser, input: WorkspaceGeneralInput, meta: RequestMeta): Promise<CreatedWorkspace> {
  return withSystem('tenancy: create workspace', (tx) => createOwnedWorkspace(tx, user.id, input, meta));
}

export function acceptInvitationAs(user: SessionUser, token: string, meta: RequestMeta) {
  return withSystem('tenancy: accept invitation', (tx) => acceptInvitation(tx, user, token, meta));
}

export type InvitationPage = { invitation: InvitationPreview | null; alreadyMember: boolean };

/** What the invite page shows, and whether the visitor already belongs to that workspace, in one read. */
export function invitationPageFor(token: string, user: SessionUser | null): Promise<InvitationPage> {
  return withSystem('tenancy: invitation page', async (tx) => {
    const invitation = await previewInvitation(tx, token);
    const alreadyMember = Boolean(invitation && user && (await findMembershipBySlug(tx, user.id, invitation.workspace.slug)));
    return { invitation, alreadyMember };
  });
}

/** Where `/w` sends the user: the remembered workspace if they still belong to it, else their first; null for none. */
export function defaultWorkspaceFor(user: SessionUser, lastSlug: string | null): Promise<string | null> {
  return withSystem('tenancy: pick default workspace', (tx) => defaultWorkspaceSlug(tx, user.id, lastSlug));
}
