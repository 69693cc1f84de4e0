import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import { invitations, memberships, users, workspaces } from '@/db/schema';
import type { TenantContext, Tx, WorkspaceRole } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { checkLimit } from '@/lib/billing/gates';
import { AppError } from '@/lib/errors/app-error';
import { queueInvitationEmail, type InvitationEmail } from './invitation-email';
import { invitationExpiry, newInvitationToken, normalizeEmail } from './invitation-tokens';
import { assertInviteRoleAllowed } from './member-rules';
import type { RequestMeta } from './request-meta';

// Invitation commands take the entry point's tenant transaction. The wrapper names the
// permission (members.invite) and the verified-email gate; the email is queued in the same
// transaction (a rolled-back invitation is never mailed) and delivered after commit.

export type InvitationRow = typeof invitations.$inferSelect;

export type PendingInvitation = {
  id: string;
  email: string;
  role: WorkspaceRole;
  invitedByName: string | null;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
};

const open = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

/** Open invitations by address, expired ones flagged so they can be resent. */
export async function listPendingInvitations(tx: Tx): Promise<PendingInvitation[]> {
  const rows = await tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      invitedByName: sql<string | null>`coalesce(${users.name}, ${users.email})`,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(open)
    .orderBy(asc(invitations.email));
  const now = Date.now();
  return rows.map((row) => ({ ...row, expired: row.expiresAt.getTime() <= now }));
}

async function emailContext(tx: Tx, ctx: TenantContext) {
  const [workspace] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, ctx.tenantId));
  const [inviter] = ctx.userId
    ? await tx.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, ctx.userId))
    : [];
  return { workspaceName: workspace?.name ?? 'a workspace', inviterName: inviter?.name ?? inviter?.email ?? 'A teammate' };
}

/**
 * Members plus open invitations stay within the plan's `members` limit (add-ons included), so
 * accepting every open invitation can never take the workspace past its plan. The invitation
 * being refreshed for the same address is not counted twice; an expired one still holds its seat,
 * since resending revives it.
 */
async function assertSeatAvailable(tx: Tx, tenantId: string, email: string): Promise<void> {
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, tenantId));
  const [{ pending } = { pending: 0 }] = await tx
    .select({ pending: count() })
    .from(invitations)
    .where(and(open, eq(invitations.tenantId, tenantId), sql`${invitations.email} <> ${email}`));
  await checkLimit(tx, tenantId, 'members', Number(n) + Number(pending));
}

export type CreatedInvitation = InvitationEmail & { invitationId: string };

/**
 * Creates an invitation, or refreshes the open one for the same address (one open invitation per
 * address: the partial unique index decides, so two concurrent invites end as one row).
 */
export async function inviteMember(
  tx: Tx,
  ctx: TenantContext,
  input: { email: string; role: WorkspaceRole },
  meta: RequestMeta,
): Promise<CreatedInvitation> {
  assertInviteRoleAllowed(ctx.role, input.role);
  const email = normalizeEmail(input.email);
  const [existing] = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(sql`lower(${users.email})`, email))
    .limit(1);
  if (existing) throw new AppError('conflict', 'That person is already a member of this workspace.', { field: 'email' });
  await assertSeatAvailable(tx, ctx.tenantId, email);

  const { token, tokenHash } = newInvitationToken();
  const expiresAt = invitationExpiry();
  const [row] = await tx
    .insert(invitations)
    .values({ tenantId: ctx.tenantId, email, role: input.role, tokenHash, invitedBy: ctx.userId, expiresAt })
    .onConflictDoUpdate({
      target: [invitations.tenantId, invitations.email],
      targetWhere: sql`accepted_at is null and revoked_at is null`,
      set: { role: input.role, tokenHash, invitedBy: ctx.userId, expiresAt, createdAt: sql`now()` },
    })
    .returning({ id: invitations.id });
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'member.invited',
    actorUserId: ctx.userId,
    targetType: 'invitation',
    targetId: row!.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { email, role: input.role },
  });
  const created = { invitationId: row!.id, to: email, token, role: input.role, expiresAt, ...(await emailContext(tx, ctx)) };
  await queueInvitationEmail(tx, ctx.tenantId, created);
  return created;
}

/** An invitation still open (not accepted, not revoked), locked until commit; else AppError('not_found'). */
export async function getOpenInvitationOrThrow(tx: Tx, invitationId: string): Promise<InvitationRow> {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, invitationId), open))
    .for('update');
  if (!row) throw new AppError('not_found', 'That invitation was already accepted or revoked.');
  return row;
}

/** A new token and a fresh seven days on the same row; the old link stops working. */
export async function resendInvitation(
  tx: Tx,
  ctx: TenantContext,
  input: { invitationId: string },
  meta: RequestMeta,
): Promise<CreatedInvitation> {
  const row = await getOpenInvitationOrThrow(tx, input.invitationId);
  assertInviteRoleAllowed(ctx.role, row.role);
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = invitationExpiry();
  await tx.update(invitations).set({ tokenHash, expiresAt, invitedBy: ctx.userId }).where(eq(invitations.id, row.id));
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'member.invited',
    actorUserId: ctx.userId,
    targetType: 'invitation',
    targetId: row.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { email: row.email, role: row.role, resent: true },
  });
  const refreshed = { invitationId: row.id, to: row.email, token, role: row.role, expiresAt, ...(await emailContext(tx, ctx)) };
  await queueInvitationEmail(tx, ctx.tenantId, refreshed);
  return refreshed;
}

export async function revokeInvitation(tx: Tx, ctx: TenantContext, input: { invitationId: string }, meta: RequestMeta): Promise<void> {
  const row = await getOpenInvitationOrThrow(tx, input.invitationId);
  assertInviteRoleAllowed(ctx.role, row.role);
  await tx.update(invitations).set({ revokedAt: sql`now()` }).where(eq(invitations.id, row.id));
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'member.invitation_revoked',
    actorUserId: ctx.userId,
    targetType: 'invitation',
    targetId: row.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { email: row.email, role: row.role },
  });
}
