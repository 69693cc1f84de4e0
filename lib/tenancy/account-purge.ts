import { and, asc, eq, isNotNull, lte } from 'drizzle-orm';
import { memberships, users, workspaces } from '@/db/schema';
import { tenantContext, withSystem, type Tx } from '@/db/tenant';
import { pseudonymFor, pseudonymiseAuditActor, recordAccountAudit, recordWorkspaceAudit } from '@/lib/audit';
import { revokeKeysOfMember } from '@/lib/api-keys/keys';
import { startEmailDelivery } from '@/lib/email';
import { queueTemplate } from '@/lib/email/templates';
import { storage, userPrefix } from '@/lib/storage';
import { readAccountDeletionPlan } from './account-deletion-plan';
import { setRole } from './members';
import { NO_REQUEST_META } from './request-meta';
import { purgeWorkspace } from './workspace-purge';

export type AccountPurgeResult =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'purged'; userId: string; workspacesPurged: string[]; handedOver: string[]; auditRowsPseudonymised: number };

/** Accounts whose grace period is over, oldest first (system work). */
export async function dueAccountDeletions(now = new Date(), limit = 20): Promise<string[]> {
  const rows = await withSystem('account: find accounts due for deletion', (tx) =>
    tx
      .select({ id: users.id })
      .from(users)
      .where(and(isNotNull(users.deletionScheduledFor), lte(users.deletionScheduledFor, now)))
      .orderBy(asc(users.deletionScheduledFor))
      .limit(limit),
  );
  return rows.map((row) => row.id);
}

/**
 * Erases one account whose deletion is due. First the workspaces that go with it: those the
 * request scheduled (due the same day) and any the person came to own alone since, with nobody
 * else in them, are purged by the workspace purge. A workspace they still own alone but share with
 * others (joined or created during the grace period) is handed to its longest-standing admin, else
 * member, rather than left without an owner. Then, in one transaction: their API keys are revoked
 * in every workspace (a key dies with its creator), each workspace's audit trail records that they
 * left, every audit chain is pseudonymised, and the user row is deleted (sessions, sign-in
 * methods, tokens, memberships and their account exports go with it by cascade). Their exported
 * zips are removed from storage, and a last email goes to the address they had.
 */
export async function purgeAccount(userId: string, now = new Date()): Promise<AccountPurgeResult> {
  const plan = await withSystem('account: read an account due for deletion', async (tx) => {
    const [user] = await tx.select({ deletionScheduledFor: users.deletionScheduledFor }).from(users).where(eq(users.id, userId));
    if (!user?.deletionScheduledFor || user.deletionScheduledFor > now) return null;
    return readAccountDeletionPlan(tx, userId);
  });
  if (!plan) return { outcome: 'skipped', reason: 'not scheduled or not yet due' };

  const workspacesPurged: string[] = [];
  const alone = plan.lastOwned.filter((w) => w.deletionScheduledFor || !w.others.length);
  for (const workspace of alone) {
    if (!workspace.deletionScheduledFor || workspace.deletionScheduledFor > now) {
      // Owned alone with nobody else in it: it can't outlive its last member.
      await withSystem('account: workspace goes with its last member', (tx) =>
        tx.update(workspaces).set({ deletionScheduledFor: now, deletionRequestedAt: now, deletionRequestedBy: userId, updatedAt: now }).where(eq(workspaces.id, workspace.id)),
      );
    }
    const purged = await purgeWorkspace(workspace.id, now);
    if (purged.outcome === 'purged') workspacesPurged.push(workspace.name);
  }
  const handOver = plan.lastOwned.filter((w) => !w.deletionScheduledFor && w.others.length);

  const result = await withSystem('account: purge an account', async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user?.deletionScheduledFor || user.deletionScheduledFor > now) return null;
    const handedOver: string[] = [];
    for (const workspace of handOver) {
      const heir = workspace.others[0]!;
      await setRole(tx, workspace.id, heir.userId, 'owner');
      await recordWorkspaceAudit(tx, workspace.id, {
        action: 'workspace.ownership_transferred',
        actorUserId: null,
        actorLabel: 'Tessera',
        targetType: 'user',
        targetId: heir.userId,
        metadata: { from: userId, to: heir.userId, reason: 'last_owner_deleted_account', previousTargetRole: heir.role },
      });
      handedOver.push(`${workspace.name}: handed to ${heir.name ?? heir.email}`);
    }
    const remaining = await tx.select({ tenantId: memberships.tenantId, role: memberships.role }).from(memberships).where(eq(memberships.userId, userId));
    for (const membership of remaining) await leaveForGood(tx, membership.tenantId, userId, membership.role, now);
    await recordAccountAudit(tx, userId, {
      action: 'account.deleted',
      actorUserId: null,
      actorLabel: 'Tessera',
      metadata: { requestedAt: user.deletionRequestedAt?.toISOString() ?? null, workspacesPurged, handedOver, workspacesLeft: remaining.length },
    });
    const pseudonymised = await pseudonymiseAuditActor(tx, userId, now);
    // Queued without a tenant: the outbox row outlives the person it is for.
    await queueTemplate(tx, 'account-deletion', user.email, {
      name: user.name,
      stage: 'purged',
      when: now,
      url: null,
      workspaces: [...workspacesPurged.map((name) => `${name}: deleted`), ...handedOver],
      timeZone: user.timezone,
    });
    await tx.delete(users).where(eq(users.id, userId));
    return { handedOver, auditRowsPseudonymised: pseudonymised.rows };
  });
  if (!result) return { outcome: 'skipped', reason: 'cancelled meanwhile' };
  await storage().deletePrefix(userPrefix(userId));
  startEmailDelivery();
  return { outcome: 'purged', userId, workspacesPurged, ...result };
}

async function leaveForGood(tx: Tx, tenantId: string, userId: string, role: string, now: Date): Promise<void> {
  const ctx = tenantContext({ tenantId, userId: null, role: 'owner', via: 'workflow' });
  await revokeKeysOfMember(tx, ctx, userId, 'creator_left', NO_REQUEST_META, now);
  await recordWorkspaceAudit(tx, tenantId, {
    action: 'member.left',
    actorUserId: null,
    actorLabel: pseudonymFor(userId),
    metadata: { role, reason: 'account_deleted' },
  });
}
