import { withSystem } from '@/db/tenant';
import { defaultWorkspaceSlug, listWorkspacesOfUser, type WorkspaceSummary } from '@/lib/tenancy/workspaces';
import { readProfile, type Profile } from './profile';

export type AccountShell = { profile: Profile | null; workspaces: WorkspaceSummary[]; current: WorkspaceSummary | null };

/**
 * What the account pages' shell shows, read in one transaction: the profile (the row, not the
 * session's copy, which can lag a change made here), the user's workspaces, and the one the
 * switcher shows as current (their default, else the first).
 */
export function accountShellOf(userId: string): Promise<AccountShell> {
  return withSystem('account: shell', async (tx) => {
    const profile = await readProfile(tx, userId);
    const workspaces = await listWorkspacesOfUser(tx, userId);
    const slug = await defaultWorkspaceSlug(tx, userId);
    return { profile, workspaces, current: workspaces.find((w) => w.slug === slug) ?? workspaces[0] ?? null };
  });
}
