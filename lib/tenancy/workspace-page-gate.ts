import { can, type Permission } from './permissions';
import { twoFactorRequiredPath } from './two-factor-requirement';
import { findWorkspaceMembership, type WorkspaceMembership } from './workspace-membership';

// The shape slugSchema accepts (lib/tenancy/slugs.ts): anything else is no workspace's address.
const SLUG_SHAPE = /^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/;

/**
 * What a page under `/w/<slug>/` needs beyond membership, by its path below the slug; the longest
 * matching prefix wins, so a page's sub-pages inherit it. A page that asks `requireWorkspacePage`
 * for a permission is listed here with the same one (tests/architecture/workspace-page-permissions
 * fails otherwise), because the request gate decides from this table before the page renders.
 */
export const WORKSPACE_PAGE_PERMISSIONS: Readonly<Record<string, Permission>> = {
  'settings/members': 'members.read',
  'settings/audit': 'audit.read',
  'settings/billing': 'billing.manage',
  'settings/usage': 'usage.read',
  'settings/api-keys': 'api_keys.manage',
  'settings/webhooks': 'webhooks.manage',
  'settings/privacy': 'privacy.export',
  'bots/new': 'products.write',
  'bots/backtests/new': 'products.write',
};

/** The permission the page at `subPath` (the path below `/w/<slug>/`, no leading slash) needs. */
export function workspacePagePermission(subPath: string): Permission {
  const segments = subPath.split('/').filter(Boolean);
  for (let length = segments.length; length > 0; length--) {
    const permission = WORKSPACE_PAGE_PERMISSIONS[segments.slice(0, length).join('/')];
    if (permission) return permission;
  }
  return 'workspace.read';
}

/** `/w/<slug>/rest` split into the slug (null when malformed) and the rest; null for any other path. */
export function workspacePagePath(pathname: string): { slug: string | null; subPath: string } | null {
  const match = /^\/w\/([^/]+)(?:\/(.*))?$/.exec(pathname);
  if (!match) return null;
  let slug: string | null;
  try {
    slug = decodeURIComponent(match[1]!);
  } catch {
    slug = null;
  }
  return { slug: slug !== null && SLUG_SHAPE.test(slug) ? slug : null, subPath: match[2] ?? '' };
}

/** What the request gate does with a workspace page: refuse it, send the user elsewhere, or let it render. */
export type WorkspacePageVerdict =
  | 'not_found'
  | { redirect: string }
  | { membership: { slug: string; found: WorkspaceMembership } | null };

/**
 * Decided by the request gate before anything renders: `not_found` for a workspace page the
 * signed-in user may not see — not a member, or a role without the page's permission. Refused
 * inside the render, the status would already be sent (200) by the time the page's notFound()
 * lands in a loading boundary, and an RSC request (client navigation) is always streamed: only
 * a refusal made before rendering can answer 404. A member of a workspace that requires
 * two-factor, without it, is redirected to Account → Security on every page of that workspace,
 * for the same reason (a redirect from inside a streamed render is a client-side hop at best).
 * An old slug of the user's workspace passes, for the page to redirect; any path outside
 * `/w/<slug>` passes. A pass carries the membership it read, which middleware forwards so the
 * page doesn't read it a second time.
 */
export async function workspacePageGate(userId: string, pathname: string): Promise<WorkspacePageVerdict> {
  const page = workspacePagePath(pathname);
  if (!page) return { membership: null };
  if (!page.slug) return 'not_found';
  const found = await findWorkspaceMembership(userId, page.slug);
  const pass = { membership: { slug: page.slug, found } };
  if (found.movedTo) return pass;
  if (!found.current) return 'not_found';
  if (!can(found.current.role, workspacePagePermission(page.subPath))) return 'not_found';
  return found.twoFactorRequired ? { redirect: twoFactorRequiredPath(found.current.slug) } : pass;
}
