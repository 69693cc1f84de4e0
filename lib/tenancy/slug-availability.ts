import { eq, like, or, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { rowsOf } from '@/db/rows';
import type { Tx } from '@/db/tenant';
import { workspaceSlugRedirects, workspaces } from '@/db/schema';
import { firstFreeSlug, slugify } from './slugs';

// Slugs are one namespace across all workspaces, and a workspace's old slugs stay reserved for it
// (so old links can't be taken over).

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An unused slug derived from the name, for a new workspace (system work). The unique index still has the last word at insert. */
export async function availableSlugFor(tx: Tx, name: string): Promise<string> {
  const base = slugify(name);
  const pattern = `${escapeLike(base)}-%`;
  const [current, old] = await Promise.all([
    tx.select({ slug: workspaces.slug }).from(workspaces).where(or(eq(workspaces.slug, base), like(workspaces.slug, pattern))),
    tx
      .select({ slug: workspaceSlugRedirects.oldSlug })
      .from(workspaceSlugRedirects)
      .where(or(eq(workspaceSlugRedirects.oldSlug, base), like(workspaceSlugRedirects.oldSlug, pattern))),
  ]);
  const taken = new Set([...current, ...old].map((row) => row.slug));
  return firstFreeSlug(base, taken, () => randomBytes(3).toString('hex'));
}

/**
 * Whether a workspace other than `tenantId` holds `slug`, as its address or as one of its old,
 * redirecting ones. Callable from a tenant transaction: `slug_taken` is a security-definer SQL
 * function (migration 0006) that answers this one question across tenants and nothing more.
 */
export async function slugTaken(tx: Tx, slug: string, tenantId: string): Promise<boolean> {
  const [row] = rowsOf<{ taken: boolean }>(await tx.execute(sql`select slug_taken(${slug}, ${tenantId}::uuid) as taken`));
  return row?.taken === true;
}
