import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/tenant';
import { memberships, workspaceSlugRedirects, workspaces } from '@/db/schema';

/**
 * The current slug behind an old one, only for a member of that workspace: everyone else gets the
 * same 404 as for a slug that never existed. System work (the user isn't in a tenant yet).
 */
export async function currentSlugForOldSlug(tx: Tx, userId: string, oldSlug: string): Promise<string | null> {
  const [row] = await tx
    .select({ slug: workspaces.slug })
    .from(workspaceSlugRedirects)
    .innerJoin(workspaces, eq(workspaces.id, workspaceSlugRedirects.tenantId))
    .innerJoin(memberships, and(eq(memberships.tenantId, workspaces.id), eq(memberships.userId, userId)))
    .where(eq(workspaceSlugRedirects.oldSlug, oldSlug))
    .limit(1);
  return row?.slug ?? null;
}

/**
 * `/w/<old>/rest?query` → `/w/<new>/rest?query`. Without the request path (or for a path that
 * isn't under the old slug) the workspace home is the safe answer.
 */
export function redirectedWorkspacePath(requestPath: string | null, oldSlug: string, newSlug: string): string {
  const home = `/w/${encodeURIComponent(newSlug)}`;
  if (!requestPath) return home;
  const prefix = `/w/${encodeURIComponent(oldSlug)}`;
  if (requestPath !== prefix && !requestPath.startsWith(`${prefix}/`) && !requestPath.startsWith(`${prefix}?`)) return home;
  return `${home}${requestPath.slice(prefix.length)}`;
}
