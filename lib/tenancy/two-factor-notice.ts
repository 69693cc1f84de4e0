import { slugSchema } from './slugs';
import { findWorkspaceMembership } from './workspace-membership';

/** What Account → Security says about `?required=<slug>`: the workspace, and whether it still keeps the user out. */
export type TwoFactorRequirementNotice = { slug: string; name: string; blocking: boolean };

/**
 * The workspace behind the security page's `required` parameter, for a member of it only (the
 * parameter is anyone's to edit: a slug the user isn't in shows nothing). `blocking` turns false
 * once the user has two-factor on, and the page then offers the way back instead.
 */
export async function twoFactorRequirementNotice(userId: string, rawSlug: unknown): Promise<TwoFactorRequirementNotice | null> {
  const parsed = slugSchema.safeParse(rawSlug);
  if (!parsed.success) return null;
  const found = await findWorkspaceMembership(userId, parsed.data);
  if (!found.current) return null;
  return { slug: found.current.slug, name: found.current.name, blocking: found.twoFactorRequired };
}
