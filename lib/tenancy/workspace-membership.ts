import { withSystem } from '@/db/tenant';
import { currentSlugForOldSlug } from './slug-redirects';
import { listWorkspacesOfUser, type WorkspaceSummary } from './workspaces';

export type WorkspaceMembership = {
  /** The workspace at the slug with the user's role, or null when the user isn't a member of it. */
  current: WorkspaceSummary | null;
  /** Every workspace the user belongs to, by name (the switcher). */
  workspaces: WorkspaceSummary[];
  /** The workspace's current slug when `slug` is an old address of one the user belongs to. */
  movedTo: string | null;
};

/**
 * The user's standing in the workspace at `slug`: one system read, because memberships are a
 * question across tenants asked before any tenant transaction. The request gate (middleware) and
 * the page helper both ask it, so they can't disagree about who is a member.
 */
export function findWorkspaceMembership(userId: string, slug: string): Promise<WorkspaceMembership> {
  return withSystem('tenancy: resolve workspace membership', async (tx) => {
    const workspaces = await listWorkspacesOfUser(tx, userId);
    const current = workspaces.find((w) => w.slug === slug) ?? null;
    if (current) return { current, workspaces, movedTo: null };
    return { current: null, workspaces, movedTo: await currentSlugForOldSlug(tx, userId, slug) };
  });
}
