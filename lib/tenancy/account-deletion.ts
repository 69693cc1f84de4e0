import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { tenantContext, withSystem, type Tx } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit';
import { verifyPassword } from '@/lib/auth/password';
import { consumeAuthToken, createAuthToken, inspectAuthToken, isAuthTokenProblem } from '@/lib/auth/tokens';
import { clearCodeFailures, recordCodeFailure, tooManyCodeFailures } from '@/lib/auth/two-factor/attempts';
import type { FormFailure } from '@/lib/auth/two-factor/request-context';
import { verifySecondFactor } from '@/lib/auth/two-factor/verify-code';
import { startEmailDelivery } from '@/lib/email';
import { appUrl, queueTemplate } from '@/lib/email/templates';
import { AppError } from '@/lib/errors/app-error';
import { decisionSchema, describeDecision, readAccountDeletionPlan, resolveDecisions, type AccountDeletionPlan, type Decision, type ResolvedDecision } from './account-deletion-plan';
import { transferOwnership } from './members';
import type { RequestMeta } from './request-meta';
import { DELETION_GRACE_DAYS, scheduleWorkspaceDeletion } from './workspace-deletion';

export { decisionSchema, type AccountDeletionPlan, type Decision } from './account-deletion-plan';

const DAY_MS = 86_400_000;
/** A fresh link: long enough to reach the inbox, short enough that an old email is useless. */
export const DELETE_LINK_TTL_MS = 30 * 60 * 1000;

const LINK_GONE = 'This confirmation link has expired or was already used. Ask for a new one in Account → Privacy.';

export type DeletionProof = { kind: 'password'; password: string } | { kind: 'link'; token: string };
export type DeletionFailure = FormFailure<'password' | 'code' | 'decisions'>;

/** For the Account → Privacy page. */
export function accountDeletionPlan(userId: string): Promise<AccountDeletionPlan | null> {
  return withSystem('account: read deletion plan', (tx) => readAccountDeletionPlan(tx, userId));
}

const linkDataSchema = z.object({ decisions: z.array(z.string()) });

/**
 * For a person without a password: the proof is a fresh link to their inbox. The link carries
 * the choices made on the form, so the confirm page shows and applies exactly those.
 */
export async function emailDeletionLink(userId: string, decisions: Decision[], now = new Date()): Promise<{ ok: true } | DeletionFailure> {
  const result = await withSystem('account: email deletion link', async (tx) => {
    const plan = await readAccountDeletionPlan(tx, userId);
    if (!plan) throw new AppError('not_found', 'This account no longer exists.');
    if (plan.deletionScheduledFor) return { ok: false as const, message: 'Your account is already scheduled for deletion.' };
    const checked = resolveDecisions(plan, decisions);
    if (!checked.ok) return { ok: false as const, field: 'decisions' as const, message: checked.message };
    const token = await createAuthToken(tx, {
      userId,
      email: plan.email,
      purpose: 'delete_account',
      ttlMs: DELETE_LINK_TTL_MS,
      data: { decisions: decisions.map(encodeDecision) },
      now,
    });
    await queueTemplate(tx, 'account-deletion', plan.email, {
      name: plan.name,
      stage: 'confirm',
      when: new Date(now.getTime() + DELETE_LINK_TTL_MS),
      url: appUrl('/account/privacy/delete', { token }),
      workspaces: checked.resolved.map(describeDecision),
      timeZone: plan.timezone,
    });
    return { ok: true as const };
  });
  if (result.ok) startEmailDelivery();
  return result;
}

function encodeDecision(decision: Decision): string {
  return decision.action === 'delete' ? `${decision.workspaceId}:delete` : `${decision.workspaceId}:transfer:${decision.userId}`;
}

/** The choices a confirm link carries, or null when the link is not (or no longer) good. */
export async function decisionsOfLink(userId: string, token: string, now = new Date()): Promise<{ decisions: Decision[]; expiresAt: Date } | { problem: 'expired' | 'used' | 'invalid' }> {
  return withSystem('account: read deletion link', async (tx) => {
    const row = await inspectAuthToken(tx, 'delete_account', token, now);
    if (isAuthTokenProblem(row)) return { problem: row };
    if (row.userId !== userId) return { problem: 'invalid' as const };
    return { decisions: parseLinkDecisions(row.data), expiresAt: row.expiresAt };
  });
}

function parseLinkDecisions(data: unknown): Decision[] {
  const parsed = linkDataSchema.safeParse(data);
  if (!parsed.success) return [];
  return parsed.data.decisions.flatMap((value) => {
    const decision = decisionSchema.safeParse(value);
    return decision.success ? [decision.data] : [];
  });
}

/**
 * Schedules the account's deletion DELETION_GRACE_DAYS from now, once the person has proved it is
 * them: their password, or a fresh link from their inbox (which also carries their choices), and
 * a second-factor code when 2FA is on. In the same transaction, each workspace they are the last
 * owner of is handed to the member they chose (at once) or scheduled for deletion (the workspace's
 * own 30-day grace, read-only from now). The person keeps using the account until the purge and
 * can cancel; workspaces handed over stay handed over.
 */
export async function scheduleAccountDeletion(
  userId: string,
  input: { proof: DeletionProof; code?: string; decisions: Decision[] },
  meta: RequestMeta,
  now = new Date(),
): Promise<{ ok: true; scheduledFor: Date; lines: string[] } | DeletionFailure> {
  const result = await withSystem('account: schedule deletion', async (tx) => {
    const [locked] = await tx.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).for('update');
    const plan = locked ? await readAccountDeletionPlan(tx, userId) : null;
    if (!locked || !plan) throw new AppError('not_found', 'This account no longer exists.');
    if (plan.deletionScheduledFor) return { ok: true as const, scheduledFor: plan.deletionScheduledFor, lines: [] };

    // Every check first, then the link is spent: a wrong code or a stale choice leaves it usable.
    let decisions = input.decisions;
    if (input.proof.kind === 'password') {
      if (!locked.passwordHash) return { ok: false as const, message: 'Your account has no password: ask for a confirmation link instead.' };
      if (!(await verifyPassword(locked.passwordHash, input.proof.password))) return { ok: false as const, field: 'password' as const, message: 'That password isn’t right.' };
    } else {
      const row = await inspectAuthToken(tx, 'delete_account', input.proof.token, now);
      if (isAuthTokenProblem(row) || row.userId !== userId) return { ok: false as const, message: LINK_GONE };
      decisions = parseLinkDecisions(row.data);
    }
    const secondFactor = await checkSecondFactor(tx, userId, plan, input.code, now);
    if (secondFactor) return secondFactor;
    const checked = resolveDecisions(plan, decisions);
    if (!checked.ok) return { ok: false as const, field: 'decisions' as const, message: checked.message };
    if (input.proof.kind === 'link' && isAuthTokenProblem(await consumeAuthToken(tx, 'delete_account', input.proof.token, now))) {
      return { ok: false as const, message: LINK_GONE };
    }
    for (const decision of checked.resolved) await applyDecision(tx, userId, decision, meta, now);

    const scheduledFor = new Date(now.getTime() + DELETION_GRACE_DAYS * DAY_MS);
    await tx.update(users).set({ deletionScheduledFor: scheduledFor, deletionRequestedAt: now, updatedAt: now }).where(eq(users.id, userId));
    const lines = checked.resolved.map(describeDecision);
    await recordAccountAudit(tx, userId, {
      action: 'account.deletion_scheduled',
      actorUserId: userId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: { scheduledFor: scheduledFor.toISOString(), proof: input.proof.kind, workspaces: lines },
    });
    await queueTemplate(tx, 'account-deletion', plan.email, {
      name: plan.name,
      stage: 'scheduled',
      when: scheduledFor,
      url: appUrl('/account/privacy'),
      workspaces: lines,
      timeZone: plan.timezone,
    });
    return { ok: true as const, scheduledFor, lines };
  });
  if (result.ok) startEmailDelivery();
  return result;
}

async function checkSecondFactor(tx: Tx, userId: string, plan: AccountDeletionPlan, code: string | undefined, now: Date): Promise<DeletionFailure | null> {
  if (!plan.twoFactor) return null;
  if (!code) return { ok: false, field: 'code', message: 'Enter the code from your authenticator app (or a recovery code).' };
  if (await tooManyCodeFailures(userId)) return { ok: false, field: 'code', message: 'Too many wrong codes. Wait 15 minutes and try again.' };
  if (!(await verifySecondFactor(tx, userId, code, now))) {
    await recordCodeFailure(userId);
    return { ok: false, field: 'code', message: 'That code didn’t work. Enter the current code from your authenticator app.' };
  }
  await clearCodeFailures(userId);
  return null;
}

async function applyDecision(tx: Tx, userId: string, decision: ResolvedDecision, meta: RequestMeta, now: Date): Promise<void> {
  // The person is this workspace's owner (the plan was read under the user's lock, in this transaction).
  const ctx = tenantContext({ tenantId: decision.workspace.id, userId, role: 'owner', via: 'session' });
  if (decision.action === 'transfer') {
    await transferOwnership(tx, ctx, { userId: decision.to.userId }, meta);
    return;
  }
  if (decision.workspace.deletionScheduledFor) return;
  await scheduleWorkspaceDeletion(tx, ctx, decision.workspace.name, meta, now);
}

/** Stops a scheduled account deletion until the purge has run. Workspace deletions it scheduled are cancelled in each workspace's settings. */
export async function cancelAccountDeletion(userId: string, meta: RequestMeta, now = new Date()): Promise<{ cancelled: boolean }> {
  const result = await withSystem('account: cancel deletion', async (tx) => {
    const [user] = await tx
      .select({ email: users.email, name: users.name, timezone: users.timezone, deletionScheduledFor: users.deletionScheduledFor })
      .from(users)
      .where(eq(users.id, userId))
      .for('update');
    if (!user?.deletionScheduledFor) return { cancelled: false };
    if (user.deletionScheduledFor <= now) throw new AppError('conflict', 'The deletion is already under way and can no longer be cancelled.');
    await tx.update(users).set({ deletionScheduledFor: null, deletionRequestedAt: null, updatedAt: now }).where(eq(users.id, userId));
    await recordAccountAudit(tx, userId, {
      action: 'account.deletion_cancelled',
      actorUserId: userId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: { wasScheduledFor: user.deletionScheduledFor.toISOString() },
    });
    await queueTemplate(tx, 'account-deletion', user.email, { name: user.name, stage: 'cancelled', when: now, url: appUrl('/account/privacy'), workspaces: [], timeZone: user.timezone });
    return { cancelled: true };
  });
  if (result.cancelled) startEmailDelivery();
  return result;
}
