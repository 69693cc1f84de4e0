import { and, asc, eq, sql } from 'drizzle-orm';
import { memberships, users } from '@/db/schema';
import type { TenantContext, Tx, WorkspaceRole } from '@/db/tenant';
import { revokeKeysOfMember } from '@/lib/api-keys/keys';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import {
  assertLeaveAllowed,
  assertRemovalAllowed,
  assertRoleChangeAllowed,
  assertTransferAllowed,
  type MemberRow,
} from './member-rules';
import type { RequestMeta } from './request-meta';

// Member commands take the entry point's tenant transaction. The permission they need
// (members.manage, members.leave, workspace.transfer) is named once, by the action wrapper; the
// rules that depend on who is acted on — and on the actor's role as of now — live in member-rules.

export type MemberListItem = {
  userId: string;
  name: string | null;
  email: string;
  role: WorkspaceRole;
  joinedAt: Date;
  /** Whether they have two-factor on (Settings → Members; required two-factor flags who hasn't). */
  twoFactor: boolean;
};

// app_user can't read users.totp_enabled_at: members_with_two_factor() (migration 0012) answers
// for the current tenant's members only.
const MEMBER_FIELDS = {
  userId: memberships.userId,
  name: users.name,
  email: users.email,
  role: memberships.role,
  joinedAt: memberships.createdAt,
  twoFactor: sql<boolean>`${memberships.userId} in (select members_with_two_factor())`,
};

/** Owners first, then admins, members, viewers: the order member lists and heirs are shown in. */
export const ROLE_ORDER = sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 when 'member' then 2 else 3 end`;

/** The workspace's members, owners first. */
export async function listMembers(tx: Tx): Promise<MemberListItem[]> {
  return tx
    .select(MEMBER_FIELDS)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .orderBy(ROLE_ORDER, asc(memberships.createdAt));
}

const NOT_A_MEMBER = 'That person is not a member of this workspace.';

/** One member of the tenant, or AppError('not_found'). */
export async function getMemberOrThrow(tx: Tx, userId: string): Promise<MemberListItem> {
  const [row] = await tx
    .select(MEMBER_FIELDS)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.userId, userId))
    .limit(1);
  if (!row) throw new AppError('not_found', NOT_A_MEMBER);
  return row;
}

/**
 * Every membership row of the tenant, locked until commit: the owner count a rule reads can't
 * change under it (two owners demoting each other at once would otherwise leave none).
 */
export async function lockMembers(tx: Tx, tenantId: string): Promise<MemberRow[]> {
  return tx
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(asc(memberships.id))
    .for('update');
}

/** The acting member among locked rows: their role as of now, not as of the page load. */
function actorOf(ctx: TenantContext, members: MemberRow[]): MemberRow {
  const actor = ctx.userId ? members.find((m) => m.userId === ctx.userId) : undefined;
  if (!actor) throw new AppError('forbidden', 'You are no longer a member of this workspace.');
  return actor;
}

function memberOf(members: MemberRow[], userId: string): MemberRow {
  const member = members.find((m) => m.userId === userId);
  if (!member) throw new AppError('not_found', NOT_A_MEMBER);
  return member;
}

function audit(ctx: TenantContext, meta: RequestMeta, targetId: string) {
  return { actorUserId: ctx.userId, targetType: 'user', targetId, ip: meta.ip, userAgent: meta.userAgent };
}

export function setRole(tx: Tx, tenantId: string, userId: string, role: WorkspaceRole) {
  return tx.update(memberships).set({ role }).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
}

export async function changeMemberRole(
  tx: Tx,
  ctx: TenantContext,
  input: { userId: string; role: WorkspaceRole },
  meta: RequestMeta,
): Promise<{ changed: boolean }> {
  const members = await lockMembers(tx, ctx.tenantId);
  const actor = actorOf(ctx, members);
  const target = memberOf(members, input.userId);
  assertRoleChangeAllowed(actor, target, input.role, members);
  if (target.role === input.role) return { changed: false };
  await setRole(tx, ctx.tenantId, target.userId, input.role);
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    ...audit(ctx, meta, target.userId),
    action: 'member.role_changed',
    metadata: { from: target.role, to: input.role },
  });
  return { changed: true };
}

export async function removeMember(tx: Tx, ctx: TenantContext, input: { userId: string }, meta: RequestMeta): Promise<void> {
  const members = await lockMembers(tx, ctx.tenantId);
  const actor = actorOf(ctx, members);
  const target = memberOf(members, input.userId);
  assertRemovalAllowed(actor, target, members);
  await tx.delete(memberships).where(and(eq(memberships.tenantId, ctx.tenantId), eq(memberships.userId, target.userId)));
  await recordWorkspaceAudit(tx, ctx.tenantId, { ...audit(ctx, meta, target.userId), action: 'member.removed', metadata: { role: target.role } });
  await revokeKeysOfMember(tx, ctx, target.userId, 'creator_removed', meta);
}

export async function leaveWorkspace(tx: Tx, ctx: TenantContext, meta: RequestMeta): Promise<void> {
  const members = await lockMembers(tx, ctx.tenantId);
  const self = actorOf(ctx, members);
  assertLeaveAllowed(self, members);
  await tx.delete(memberships).where(and(eq(memberships.tenantId, ctx.tenantId), eq(memberships.userId, self.userId)));
  await recordWorkspaceAudit(tx, ctx.tenantId, { ...audit(ctx, meta, self.userId), action: 'member.left', metadata: { role: self.role } });
  await revokeKeysOfMember(tx, ctx, self.userId, 'creator_left', meta);
}

/** The target becomes an owner and the acting owner steps down to admin, in the caller's transaction. */
export async function transferOwnership(tx: Tx, ctx: TenantContext, input: { userId: string }, meta: RequestMeta): Promise<void> {
  const members = await lockMembers(tx, ctx.tenantId);
  const actor = actorOf(ctx, members);
  const target = memberOf(members, input.userId);
  assertTransferAllowed(actor, target);
  await setRole(tx, ctx.tenantId, target.userId, 'owner');
  await setRole(tx, ctx.tenantId, actor.userId, 'admin');
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    ...audit(ctx, meta, target.userId),
    action: 'workspace.ownership_transferred',
    metadata: { from: actor.userId, to: target.userId, previousOwnerRole: 'admin', previousTargetRole: target.role },
  });
}
