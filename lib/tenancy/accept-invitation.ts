import { and, count, eq, sql } from 'drizzle-orm';
import { invitations, memberships, users, workspaces } from '@/db/schema';
import type { Tx, WorkspaceRole } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { checkLimit } from '@/lib/billing/gates';
import { AppError } from '@/lib/errors/app-error';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { hashInvitationToken, looksLikeInvitationToken, normalizeEmail } from './invitation-tokens';
import type { RequestMeta } from './request-meta';
import { planIncludesRequiredTwoFactor } from './two-factor-requirement';
import { getWorkspaceOrThrow } from './workspaces';

// The invitee isn't a member yet, so both run in a system transaction the entry point opens
// (lib/tenancy/signed-in.ts), reached only through the token.

export type InvitationStatus = 'open' | 'expired' | 'accepted' | 'revoked';

export type InvitationPreview = {
  status: InvitationStatus;
  email: string;
  role: WorkspaceRole;
  workspace: { id: string; name: string; slug: string };
  inviterName: string | null;
  expiresAt: Date;
};

function statusOf(row: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationStatus {
  if (row.acceptedAt) return 'accepted';
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'open';
}

/** What the invite page shows; forged or unknown tokens are null. */
export async function previewInvitation(tx: Tx, token: string): Promise<InvitationPreview | null> {
  if (!looksLikeInvitationToken(token)) return null;
  const [row] = await tx
    .select({
      email: invitations.email,
      role: invitations.role,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      expiresAt: invitations.expiresAt,
      workspace: { id: workspaces.id, name: workspaces.name, slug: workspaces.slug },
      inviterName: sql<string | null>`coalesce(${users.name}, ${users.email})`,
    })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.tenantId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, hashInvitationToken(token)))
    .limit(1);
  if (!row) return null;
  return { status: statusOf(row), email: row.email, role: row.role, workspace: row.workspace, inviterName: row.inviterName, expiresAt: row.expiresAt };
}

export const INVITATION_REFUSALS = {
  invalid: 'This invitation link is not valid. Ask whoever invited you to send a new one.',
  accepted: 'This invitation has already been used.',
  revoked: 'This invitation was revoked. Ask a workspace admin for a new one.',
  expired: 'This invitation has expired. Ask a workspace admin to resend it.',
} as const;

/**
 * Joins the workspace, race-safe: the invitation row is locked `for update` (a second accept of
 * the same token waits, then sees it used), and the workspace row too, so concurrent accepts of
 * different invitations count seats one after another. The membership insert ignores a conflict
 * (already a member), so no path produces two rows.
 */
export async function acceptInvitation(
  tx: Tx,
  user: { id: string; email: string },
  token: string,
  meta: RequestMeta,
): Promise<{ workspaceSlug: string; alreadyMember: boolean; twoFactorRequired: boolean }> {
  if (!looksLikeInvitationToken(token)) throw new AppError('not_found', INVITATION_REFUSALS.invalid);
  const [invitation] = await tx
    .select()
    .from(invitations)
    .where(eq(invitations.tokenHash, hashInvitationToken(token)))
    .for('update');
  if (!invitation) throw new AppError('not_found', INVITATION_REFUSALS.invalid);
  const status = statusOf(invitation);
  if (status !== 'open') throw new AppError('conflict', INVITATION_REFUSALS[status], { status });
  if (normalizeEmail(user.email) !== normalizeEmail(invitation.email)) {
    throw new AppError('forbidden', `This invitation was sent to ${invitation.email}, but you are signed in as ${user.email}.`);
  }

  const workspace = await getWorkspaceOrThrow(tx, invitation.tenantId, { lock: true });

  const [member] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.tenantId, workspace.id), eq(memberships.userId, user.id)));
  if (!member) {
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, workspace.id));
    // Under the workspace row lock taken above, so two accepts cannot both take the last seat.
    await checkLimit(tx, workspace.id, 'members', Number(n));
  }
  const inserted = await tx
    .insert(memberships)
    .values({ tenantId: workspace.id, userId: user.id, role: invitation.role })
    .onConflictDoNothing({ target: [memberships.tenantId, memberships.userId] })
    .returning({ id: memberships.id });
  await tx
    .update(invitations)
    .set({ acceptedAt: sql`now()`, acceptedBy: user.id })
    .where(eq(invitations.id, invitation.id));
  if (inserted.length) {
    await recordWorkspaceAudit(tx, workspace.id, {
      action: 'member.joined',
      actorUserId: user.id,
      targetType: 'user',
      targetId: user.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: { role: invitation.role, invitationId: invitation.id, invitedBy: invitation.invitedBy },
    });
    await emitWebhookEvent(tx, workspace.id, 'member.joined', { user_id: user.id, email: user.email, role: invitation.role });
  }
  // Said here so the join can go straight to the security page: a redirect thrown while rendering
  // the action's own redirect target leaves the browser on the first URL.
  let twoFactorRequired = false;
  if (workspace.requireTwoFactor && (await planIncludesRequiredTwoFactor(tx, workspace.id))) {
    const [row] = await tx.select({ totpEnabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, user.id));
    twoFactorRequired = !row?.totpEnabledAt;
  }
  return { workspaceSlug: workspace.slug, alreadyMember: inserted.length === 0, twoFactorRequired };
}
