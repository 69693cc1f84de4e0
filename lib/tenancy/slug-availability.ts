import { and, eq, like, ne, or } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Tx } from '@/db/tenant';
import { workspaceSlugRedirects, workspaces } from '@/db/schema';
import { firstFreeSlug, slugify } from './slugs';

// Slugs are one namespace across all workspaces, and a workspace's old slugs stay reserved for it
// (so old links can't be taken over): these checks need a withSystem transaction.

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An unused slug derived from the name. The unique index still has the last word at insert. */
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

/** Who holds `slug`, if anyone other than `tenantId`: a live workspace or another's old address. */
export async function slugHeldByOther(tx: Tx, slug: string, tenantId: string): Promise<boolean> {
  const [live] = await tx
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(and(eq(workspaces.slug, slug), ne(workspaces.id, tenantId)))
    .limit(1);
  if (live) return true;
  const [old] = await tx
    .select({ tenantId: workspaceSlugRedirects.tenantId })
    .from(workspaceSlugRedirects)
    .where(and(eq(workspaceSlugRedirects.oldSlug, slug), ne(workspaceSlugRedirects.tenantId, tenantId)))
    .limit(1);
  return Boolean(old);
}
