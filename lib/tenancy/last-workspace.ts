/**
 * The workspace a person opened last, remembered in a cookie instead of a database write on
 * every render: middleware sets it when a `/w/<slug>` page is requested, and `/w` reads it (and
 * checks membership) to pick where to go. It holds only a slug — never trusted, only a hint.
 */
export const LAST_WORKSPACE_COOKIE = 'tessera_last_workspace';

export const LAST_WORKSPACE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

// The shape slugSchema accepts (lib/tenancy/slugs.ts), checked without importing zod into middleware.
const SLUG_SHAPE = /^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/;

/** The slug in a `/w/<slug>…` page path, or null for `/w` itself and anything else. */
export function workspaceSlugInPath(pathname: string): string | null {
  const match = /^\/w\/([^/?#]+)(?:[/?#]|$)/.exec(pathname);
  if (!match) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  return SLUG_SHAPE.test(slug) ? slug : null;
}

/** A remembered slug read back from the cookie, or null when absent or malformed. */
export function lastWorkspaceSlug(cookieValue: string | undefined | null): string | null {
  return cookieValue && SLUG_SHAPE.test(cookieValue) ? cookieValue : null;
}
