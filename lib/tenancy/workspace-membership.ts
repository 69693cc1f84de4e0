import { withSystem } from '@/db/tenant';
import { currentSlugForOldSlug } from './slug-redirects';
import { planIncludesRequiredTwoFactor } from './two-factor-requirement';
import { listMembershipsOfUser, type WorkspaceSummary } from './workspaces';

export type WorkspaceMembership = {
  /** The workspace at the slug with the user's role, or null when the user isn't a member of it. */
  current: WorkspaceSummary | null;
  /** Every workspace the user belongs to, by name (the switcher). */
  workspaces: WorkspaceSummary[];
  /** The workspace's current slug when `slug` is an old address of one the user belongs to. */
  movedTo: string | null;
  /**
   * The current workspace requires two-factor (its setting, on a plan that includes it) and the
   * user hasn't turned it on: pages send them to Account → Security, actions are refused.
   */
  twoFactorRequired: boolean;
};

/**
 * The user's standing in the workspace at `slug`: one system read, because memberships are a
 * question across tenants asked before any tenant transaction. The request gate (middleware) and
 * the page helper both ask it, so they can't disagree about who is a member — or who must turn
 * on two-factor first. The same query carries each workspace's require_two_factor setting and
 * the user's own two-factor state; only when the setting would keep this user out is the plan
 * read as well (a downgraded plan stops enforcing it), so everyone else still costs one query.
 */
export function findWorkspaceMembership(userId: string, slug: string): Promise<WorkspaceMembership> {
  return withSystem('tenancy: resolve workspace membership', async (tx) => {
    const rows = await listMembershipsOfUser(tx, userId);
    const workspaces: WorkspaceSummary[] = rows.map((w) => ({ id: w.id, slug: w.slug, name: w.name, timezone: w.timezone, currency: w.currency, role: w.role, deletionScheduledFor: w.deletionScheduledFor }));
    const row = rows.find((w) => w.slug === slug);
    if (!row) return { current: null, workspaces, movedTo: await currentSlugForOldSlug(tx, userId, slug), twoFactorRequired: false };
    const twoFactorRequired = row.requireTwoFactor && !row.userTwoFactor && (await planIncludesRequiredTwoFactor(tx, row.id));
    return { current: workspaces.find((w) => w.id === row.id)!, workspaces, movedTo: null, twoFactorRequired };
  });
}
