import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/rows';
import { workspaces } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { hasFeature, loadEntitlements } from '@/lib/billing/entitlements';
import { AppError } from '@/lib/errors/app-error';
import type { RequestMeta } from './request-meta';
import { getWorkspaceOrThrow } from './workspaces';

/**
 * "Require two-factor authentication for every member" (plan feature security.require_2fa). The
 * setting lives on the workspace row; whether it is enforced is the setting AND the plan: after a
 * downgrade the setting is kept but not enforced, and it applies again on a plan that has it.
 */

export const REQUIRE_TWO_FACTOR_FEATURE = 'security.require_2fa' as const;

export const OWN_TWO_FACTOR_FIRST = 'Turn on two-factor for your own account first.';

/** Where a member is sent to turn two-factor on; the security page names the workspace from `required`. */
export function twoFactorRequiredPath(slug: string): string {
  return `/account/security?required=${encodeURIComponent(slug)}`;
}

export function twoFactorRequiredMessage(workspaceName: string): string {
  return `${workspaceName} requires two-factor authentication. Turn it on in Account → Security to continue.`;
}

/** Whether the workspace's plan lets its setting take effect; in the caller's transaction (tenant or system). */
export async function planIncludesRequiredTwoFactor(tx: Tx, tenantId: string): Promise<boolean> {
  return hasFeature(await loadEntitlements(tx, tenantId), REQUIRE_TWO_FACTOR_FEATURE);
}

export type TwoFactorRequirement = {
  /** The stored setting. */
  setting: boolean;
  /** The plan has the feature. */
  included: boolean;
  /** Members without two-factor are kept out now: the setting on a plan that has it. */
  enforced: boolean;
};

/** The setting and whether it is in force, for the settings and members pages (tenant read). */
export async function twoFactorRequirementOf(tx: Tx, tenantId: string): Promise<TwoFactorRequirement> {
  const workspace = await getWorkspaceOrThrow(tx, tenantId);
  const included = await planIncludesRequiredTwoFactor(tx, tenantId);
  return { setting: workspace.requireTwoFactor, included, enforced: workspace.requireTwoFactor && included };
}

/**
 * The ids of the tenant's members who have two-factor on. Tenant work: app_user can't read
 * users.totp_enabled_at, so the security-definer `members_with_two_factor()` (migration 0012)
 * answers for the current tenant's members only.
 */
export async function membersWithTwoFactor(tx: Tx): Promise<Set<string>> {
  const rows = rowsOf<{ user_id: string }>(await tx.execute(sql`select members_with_two_factor() as user_id`));
  return new Set(rows.map((r) => r.user_id));
}

/**
 * Turns the requirement on or off; the wrapper names the permission (security.manage) and the
 * feature. Turning it on needs the actor's own two-factor first, so an owner can't lock
 * themselves out. Each change is an audit event; saving the same value records nothing.
 */
export async function setTwoFactorRequirement(tx: Tx, ctx: TenantContext, required: boolean, meta: RequestMeta): Promise<{ changed: boolean }> {
  const current = await getWorkspaceOrThrow(tx, ctx.tenantId, { lock: true });
  if (current.requireTwoFactor === required) return { changed: false };
  if (required && (!ctx.userId || !(await membersWithTwoFactor(tx)).has(ctx.userId))) {
    throw new AppError('validation_failed', OWN_TWO_FACTOR_FIRST, { field: 'requireTwoFactor', reason: 'own_two_factor_off' });
  }
  await tx.update(workspaces).set({ requireTwoFactor: required, updatedAt: sql`now()` }).where(eq(workspaces.id, ctx.tenantId));
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    actorUserId: ctx.userId,
    targetType: 'workspace',
    targetId: ctx.tenantId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    action: required ? 'workspace.two_factor_required' : 'workspace.two_factor_optional',
    metadata: { from: current.requireTwoFactor, to: required },
  });
  return { changed: true };
}
