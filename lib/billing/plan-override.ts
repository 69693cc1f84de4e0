import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { billingAccounts, users, workspaces } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { bumpEntitlementsVersion } from './accounts';
import { PLAN_IDS } from './plans';

/**
 * The admin override: a plan set by Tessera for one workspace — an Enterprise contract ("from
 * $199, set per contract") or a courtesy plan — which wins over any subscription while in force
 * (resolveEntitlements). Set from the operator's command line (`npm run billing:override`) until
 * the admin console lands; every change bumps the entitlements version and is an audit event.
 */
export const planOverrideSchema = z.object({
  workspace: z.string().trim().min(1, 'Name the workspace by its slug.'),
  plan: z.enum(PLAN_IDS),
  /** The contract price per month in minor units (19900 = $199.00); none for a courtesy plan. */
  priceMinor: z.coerce.bigint().nonnegative().optional(),
  until: z.coerce.date().optional(),
  note: z.string().trim().min(1, 'Say why: the contract or the reason.').max(500),
  /** The operator's Tessera account email, recorded as who set it. */
  by: z.email(),
});
export type PlanOverrideInput = z.infer<typeof planOverrideSchema>;

async function target(tx: Tx, slug: string, byEmail: string) {
  const [workspace] = await tx.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.slug, slug)).limit(1);
  if (!workspace) throw new AppError('not_found', `No workspace has the address "${slug}".`);
  const [operator] = await tx.select({ id: users.id }).from(users).where(eq(users.email, byEmail.toLowerCase())).limit(1);
  if (!operator) throw new AppError('not_found', `No account has the email ${byEmail}.`);
  return { workspace, operatorId: operator.id };
}

/** Sets (or replaces) the override. System work. */
export async function setPlanOverride(tx: Tx, input: PlanOverrideInput, now = new Date()): Promise<{ tenantId: string }> {
  if (input.until && input.until <= now) throw new AppError('bad_request', 'The end date must be in the future.');
  const { workspace, operatorId } = await target(tx, input.workspace, input.by);
  const fields = {
    overridePlanId: input.plan,
    overridePriceMinor: input.priceMinor ?? null,
    overrideNote: input.note,
    overrideUntil: input.until ?? null,
    overrideBy: operatorId,
    updatedAt: now,
  };
  await tx.insert(billingAccounts).values({ tenantId: workspace.id, ...fields }).onConflictDoUpdate({ target: billingAccounts.tenantId, set: fields });
  await bumpEntitlementsVersion(tx, workspace.id);
  await recordWorkspaceAudit(tx, workspace.id, {
    action: 'billing.plan_override_set',
    actorUserId: operatorId,
    targetType: 'workspace',
    targetId: workspace.id,
    metadata: { plan: input.plan, priceMinor: input.priceMinor?.toString() ?? null, until: input.until?.toISOString() ?? null, note: input.note },
  });
  return { tenantId: workspace.id };
}

/** Ends the override now: the workspace falls back to its subscription, trial or Free. System work. */
export async function clearPlanOverride(tx: Tx, input: { workspace: string; by: string; note: string }): Promise<{ tenantId: string }> {
  const { workspace, operatorId } = await target(tx, input.workspace, input.by);
  await tx
    .update(billingAccounts)
    .set({ overridePlanId: null, overridePriceMinor: null, overrideNote: null, overrideUntil: null, overrideBy: operatorId, updatedAt: new Date() })
    .where(eq(billingAccounts.tenantId, workspace.id));
  await bumpEntitlementsVersion(tx, workspace.id);
  await recordWorkspaceAudit(tx, workspace.id, {
    action: 'billing.plan_override_cleared',
    actorUserId: operatorId,
    targetType: 'workspace',
    targetId: workspace.id,
    metadata: { note: input.note },
  });
  return { tenantId: workspace.id };
}
