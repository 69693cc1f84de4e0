import { eq } from 'drizzle-orm';
import { workspaces } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { appUrl, queueTemplate, type TemplateName, type TemplateProps } from '@/lib/email/templates';
import { workspaceOwners } from '@/lib/tenancy/owners';

type WorkspaceFacts = { name: string; slug: string; billingUrl: string };

/** What every billing email says about its workspace. System work (the webhook's transaction). */
export async function workspaceFacts(tx: Tx, tenantId: string): Promise<WorkspaceFacts | null> {
  const [row] = await tx.select({ name: workspaces.name, slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, tenantId)).limit(1);
  return row ? { ...row, billingUrl: appUrl(`/w/${row.slug}/settings/billing`) } : null;
}

type NoticeName = Extract<TemplateName, `billing-${string}`>;

/**
 * Queues a billing email to each owner of the workspace, in the caller's transaction, so it is
 * sent exactly when the change it reports commits (and never twice for a replayed delivery,
 * which the same transaction refuses). Returns how many were queued.
 */
export async function queueBillingNotice<T extends NoticeName>(
  tx: Tx,
  tenantId: string,
  name: T,
  props: (owner: { name: string | null }) => TemplateProps[T],
): Promise<number> {
  const owners = await workspaceOwners(tx, tenantId);
  for (const owner of owners) await queueTemplate(tx, name, owner.email, props(owner), { tenantId });
  return owners.length;
}
