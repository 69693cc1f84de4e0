import type { Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { isUniqueViolation } from './db-errors';
import type { RequestMeta } from './request-meta';
import { availableSlugFor } from './slug-availability';
import type { WorkspaceGeneralInput } from './workspace-fields';
import { createWorkspace } from './workspaces';

export type CreatedWorkspace = { id: string; slug: string; name: string };

/**
 * A new workspace owned by `userId`, in the caller's system transaction: a workspace doesn't exist
 * yet, so there is no tenant to act in (and app_user may not insert workspaces).
 */
export async function createOwnedWorkspace(
  tx: Tx,
  userId: string,
  input: WorkspaceGeneralInput,
  meta: RequestMeta,
  /** `slugFrom`: derive the address from this instead of the name (a restore keeps the source's slug when it is free). */
  options: { slugFrom?: string } = {},
): Promise<CreatedWorkspace> {
  const slug = await availableSlugFor(tx, options.slugFrom ?? input.name);
  let workspace;
  try {
    workspace = await createWorkspace(tx, { ...input, slug, ownerId: userId });
  } catch (error) {
    // Two creations picked the same free slug at once; the loser asks again (its transaction is rolled back).
    if (isUniqueViolation(error)) throw new AppError('conflict', 'That name was just taken. Please submit again.');
    throw error;
  }
  await recordWorkspaceAudit(tx, workspace.id, {
    action: 'workspace.created',
    actorUserId: userId,
    targetType: 'workspace',
    targetId: workspace.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { name: workspace.name, slug, timezone: workspace.timezone, currency: workspace.currency },
  });
  return { id: workspace.id, slug: workspace.slug, name: workspace.name };
}
