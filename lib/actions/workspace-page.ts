import { notFound, redirect } from 'next/navigation';
import { withTenant, type Tx } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { twoFactorRequiredPath } from '@/lib/tenancy/two-factor-requirement';
import { can, type Permission } from '@/lib/tenancy/permissions';
import { requireWorkspace, type WorkspaceAccess } from '@/lib/tenancy/require-workspace';

export type WorkspacePage = WorkspaceAccess & {
  /** The same fields as one object, to hand to lib functions that take the whole access. */
  access: WorkspaceAccess;
  /** Whether the viewer's role holds a permission (to show or hide what the server would refuse anyway). */
  can: (permission: Permission) => boolean;
  /**
   * The page's tenant read: one read-only transaction as the workspace — call it once per
   * render with everything the page needs (a second only where Redis work must sit between
   * reads, as the audit page's sealed check does). A write inside it fails: rendering writes nothing.
   */
  read: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
};

/**
 * The page-side wrapper for `/w/[workspace]/…`: session, membership and role, and the page's
 * permission (a member who must turn on two-factor first is redirected to Account → Security).
 * A refusal is the same 404 as a workspace the viewer isn't in — what they may not
 * see isn't disclosed. Deduplicated per request with the layout's lookup.
 *
 *   const page = await requireWorkspacePage(slug, 'members.read');
 *   const members = await page.read((tx) => listMembers(tx));
 */
export async function requireWorkspacePage(slug: string, permission: Permission = 'workspace.read'): Promise<WorkspacePage> {
  const access = await requireWorkspace(slug).catch((error: unknown) => {
    // The request gate already redirects page loads; this covers a render it didn't gate.
    if (error instanceof AppError && error.code === 'two_factor_required') redirect(twoFactorRequiredPath(String(error.details?.workspace ?? slug)));
    throw error;
  });
  if (!can(access.ctx.role, permission)) notFound();
  return {
    ...access,
    access,
    can: (p) => can(access.ctx.role, p),
    read: (fn) => withTenant(access.ctx, fn, { readOnly: true }),
  };
}
