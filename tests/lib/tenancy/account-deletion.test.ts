import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { and, eq, or } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, auditLog, authTokens, emailOutbox, memberships, users, workspaces } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { pseudonymFor } from '@/lib/audit/pseudonymise';
import { accountChain, verifyChain, workspaceChain } from '@/lib/audit/verify';
import { hashPassword } from '@/lib/auth/password';
import { resetStorage, storage, userKey } from '@/lib/storage';
import { cancelAccountDeletion, decisionsOfLink, emailDeletionLink, scheduleAccountDeletion, accountDeletionPlan, type Decision } from '@/lib/tenancy/account-deletion';
import { dueAccountDeletions, purgeAccount } from '@/lib/tenancy/account-purge';
import { DELETION_GRACE_DAYS } from '@/lib/tenancy/workspace-deletion';
import { createKey, putOnPlan } from '../api-keys/support';
import { useTempStorage } from '../privacy/support';
import { addMember, createWorkspaceWithOwner, ctxFor, meta, rolesOf } from './support';

const DAY = 86_400_000;
let directory = '';

beforeAll(() => {
  directory = useTempStorage();
});
afterAll(async () => {
  resetStorage();
  await rm(directory, { recursive: true, force: true });
});

const PASSWORD = 'correct horse battery staple';

async function setPassword(userId: string) {
  const passwordHash = await hashPassword(PASSWORD);
  await withSystem('test: password', (tx) => tx.update(users).set({ passwordHash }).where(eq(users.id, userId)));
}

const userRow = async (id: string) => (await withSystem('test: read', (tx) => tx.select().from(users).where(eq(users.id, id))))[0];
const workspaceRow = async (id: string) => (await withSystem('test: read', (tx) => tx.select().from(workspaces).where(eq(workspaces.id, id))))[0];
const mailsTo = (email: string) =>
  withSystem('test: mail', (tx) =>
    tx.select({ subject: emailOutbox.subject, text: emailOutbox.text }).from(emailOutbox).where(and(eq(emailOutbox.to, email), eq(emailOutbox.template, 'account-deletion'))),
  );

/**
 * A person who owns three workspaces: `solo` alone, `team` with an admin and a member (last
 * owner), `shared` with a second owner; plus a member elsewhere.
 */
async function scenario() {
  const solo = await createWorkspaceWithOwner('Solo');
  const person = solo.owner;
  await setPassword(person.id);
  const team = await createWorkspaceWithOwner('Team');
  const shared = await createWorkspaceWithOwner('Shared');
  const admin = await addMember(team.workspace.id, 'admin');
  await addMember(team.workspace.id, 'member');
  await withSystem('test: memberships', (tx) =>
    tx.insert(memberships).values([
      { tenantId: team.workspace.id, userId: person.id, role: 'owner' },
      { tenantId: shared.workspace.id, userId: person.id, role: 'owner' },
    ]),
  );
  // The workspaces' original owners leave team (so the person is its last owner) but stay in shared.
  await withSystem('test: leave', (tx) => tx.delete(memberships).where(and(eq(memberships.tenantId, team.workspace.id), eq(memberships.userId, team.owner.id))));
  return { person, solo: solo.workspace, team: team.workspace, shared: shared.workspace, admin: admin.user, stranger: team.owner };
}

describe('account deletion', () => {
  it('says which workspaces need a decision, and refuses a wrong password, a missing decision or a departed heir', async () => {
    const { person, solo, team, shared, admin, stranger: departed } = await scenario();
    const plan = (await accountDeletionPlan(person.id))!;
    expect(plan.hasPassword).toBe(true);
    expect(plan.shared.map((w) => w.id)).toEqual([shared.id]);
    expect(plan.lastOwned.map((w) => [w.name, w.others.length])).toEqual([
      ['Solo', 0],
      ['Team', 2],
    ]);
    // Admins come first as heirs.
    expect(plan.lastOwned[1]!.others[0]!.userId).toBe(admin.id);

    const transfer: Decision = { workspaceId: team.id, action: 'transfer', userId: admin.id };
    expect(await scheduleAccountDeletion(person.id, { proof: { kind: 'password', password: 'wrong' }, decisions: [transfer] }, meta)).toMatchObject({ ok: false, field: 'password' });
    expect(await scheduleAccountDeletion(person.id, { proof: { kind: 'password', password: PASSWORD }, decisions: [] }, meta)).toMatchObject({ ok: false, field: 'decisions' });
    const stranger: Decision = { workspaceId: team.id, action: 'transfer', userId: departed.id };
    expect(await scheduleAccountDeletion(person.id, { proof: { kind: 'password', password: PASSWORD }, decisions: [stranger] }, meta)).toMatchObject({ ok: false, field: 'decisions' });
    // Nothing changed.
    expect((await userRow(person.id))!.deletionScheduledFor).toBeNull();
    expect((await workspaceRow(solo.id))!.deletionScheduledFor).toBeNull();
    expect((await rolesOf(team.id))[admin.id]).toBe('admin');
  });

  it('schedules 30 days out with the transfers made and the lone workspace scheduled; cancel stops it; the purge erases the person and keeps every chain valid', async () => {
    const { person, solo, team, shared, admin } = await scenario();
    await putOnPlan(shared.id, 'pro');
    const key = await createKey(ctxFor(shared.id, person.id, 'owner'));
    await withSystem('test: audit', async (tx) => {
      const { recordWorkspaceAudit } = await import('@/lib/audit/record');
      await recordWorkspaceAudit(tx, shared.id, { action: 'workspace.renamed', actorUserId: person.id, ip: '198.51.100.7', userAgent: 'Firefox' });
    });
    await storage().put(userKey(person.id, 'account-exports', 'old.zip'), Readable.from([Buffer.from('zip')]));

    const now = new Date();
    const transfer: Decision = { workspaceId: team.id, action: 'transfer', userId: admin.id };
    const scheduled = await scheduleAccountDeletion(person.id, { proof: { kind: 'password', password: PASSWORD }, decisions: [transfer] }, meta, now);
    expect(scheduled).toMatchObject({ ok: true, lines: ['Solo: deleted', `Team: handed to ${admin.name}`] });
    const due = new Date(now.getTime() + DELETION_GRACE_DAYS * DAY);
    expect((await userRow(person.id))!.deletionScheduledFor).toEqual(due);
    expect((await rolesOf(team.id))[admin.id]).toBe('owner');
    expect((await workspaceRow(solo.id))!.deletionScheduledFor).toEqual(due);
    expect((await mailsTo(person.email)).map((m) => m.subject)).toEqual(['Your Tessera account will be deleted in 30 days']);

    expect(await cancelAccountDeletion(person.id, meta, new Date(now.getTime() + DAY))).toEqual({ cancelled: true });
    expect((await userRow(person.id))!.deletionScheduledFor).toBeNull();
    expect(await purgeAccount(person.id, new Date(now.getTime() + 31 * DAY))).toMatchObject({ outcome: 'skipped' });

    // Again, and this time the date passes.
    const again = new Date(now.getTime() + 2 * DAY);
    expect(await scheduleAccountDeletion(person.id, { proof: { kind: 'password', password: PASSWORD }, decisions: [] }, meta, again)).toMatchObject({ ok: true, lines: ['Solo: deleted'] });
    const later = new Date(again.getTime() + DELETION_GRACE_DAYS * DAY + 1000);
    expect(await dueAccountDeletions(new Date(again.getTime() + 29 * DAY))).not.toContain(person.id);
    expect(await dueAccountDeletions(later)).toContain(person.id);
    await expect(cancelAccountDeletion(person.id, meta, later)).rejects.toMatchObject({ code: 'conflict' });

    const purged = await purgeAccount(person.id, later);
    expect(purged).toMatchObject({ outcome: 'purged', workspacesPurged: ['Solo'], handedOver: [] });
    expect(await userRow(person.id)).toBeUndefined();
    expect(await workspaceRow(solo.id)).toBeUndefined();
    expect(await workspaceRow(team.id)).toBeDefined();
    expect(await rolesOf(shared.id)).not.toHaveProperty(person.id);
    const [keyRow] = await withSystem('test: key', (tx) => tx.select().from(apiKeys).where(eq(apiKeys.id, key.key.id)));
    expect(keyRow!.revokedAt).toBeInstanceOf(Date);
    expect(await storage().list(userKey(person.id, 'account-exports') + '/')).toEqual([]);

    const audit = await withSystem('test: audit', (tx) =>
      tx.select().from(auditLog).where(or(eq(auditLog.chain, accountChain(person.id)), eq(auditLog.chain, workspaceChain(shared.id)), eq(auditLog.chain, workspaceChain(team.id)))),
    );
    expect(JSON.stringify(audit.map((row) => ({ ...row, chain: null, metadata: null })))).not.toContain(person.email);
    expect(audit.filter((r) => r.actorUserId === person.id)).toEqual([]);
    expect(audit.some((r) => r.actorLabel === pseudonymFor(person.id) && r.action === 'workspace.renamed')).toBe(true);
    for (const chain of [accountChain(person.id), workspaceChain(shared.id), workspaceChain(team.id)]) {
      expect(await withSystem('test: verify', (tx) => verifyChain(tx, chain))).toMatchObject({ ok: true });
    }
    expect((await mailsTo(person.email)).map((m) => m.subject)).toContain('Your Tessera account has been deleted');
  });

  it('hands a workspace gained during the grace period to its longest-standing admin at the purge', async () => {
    const { person, team, admin } = await scenario();
    const now = new Date();
    await scheduleAccountDeletion(person.id, { proof: { kind: 'password', password: PASSWORD }, decisions: [{ workspaceId: team.id, action: 'delete' }] }, meta, now);
    // The deletion of team was scheduled; someone cancels it in the workspace (any owner may).
    await withSystem('test: cancel ws deletion', (tx) => tx.update(workspaces).set({ deletionScheduledFor: null }).where(eq(workspaces.id, team.id)));
    const purged = await purgeAccount(person.id, new Date(now.getTime() + 31 * DAY));
    expect(purged).toMatchObject({ outcome: 'purged', handedOver: [`Team: handed to ${admin.name}`] });
    expect((await rolesOf(team.id))[admin.id]).toBe('owner');
  });

  it('a person without a password confirms through a fresh link that carries their choices; 2FA asks for a code', async () => {
    const { owner: person, workspace } = await createWorkspaceWithOwner('Linked');
    const member = await addMember(workspace.id, 'member');
    const decisions: Decision[] = [{ workspaceId: workspace.id, action: 'transfer', userId: member.user.id }];
    expect(await scheduleAccountDeletion(person.id, { proof: { kind: 'password', password: 'x' }, decisions }, meta)).toMatchObject({ ok: false });

    expect(await emailDeletionLink(person.id, decisions)).toEqual({ ok: true });
    const [mail] = await mailsTo(person.email);
    expect(mail!.subject).toBe('Confirm the deletion of your Tessera account');
    const token = new URL(/https?:\/\/\S+\/account\/privacy\/delete\?token=[\w-]+/.exec(mail!.text)![0]).searchParams.get('token')!;
    expect(await decisionsOfLink(person.id, token)).toMatchObject({ decisions });
    // Someone else's session can't use it.
    expect(await decisionsOfLink(member.user.id, token)).toEqual({ problem: 'invalid' });

    await withSystem('test: 2fa on', (tx) => tx.update(users).set({ totpEnabledAt: new Date(), totpSecret: 'sealed' }).where(eq(users.id, person.id)));
    expect(await scheduleAccountDeletion(person.id, { proof: { kind: 'link', token }, decisions: [] }, meta)).toMatchObject({ ok: false, field: 'code' });
    await withSystem('test: 2fa off', (tx) => tx.update(users).set({ totpEnabledAt: null, totpSecret: null }).where(eq(users.id, person.id)));

    expect(await scheduleAccountDeletion(person.id, { proof: { kind: 'link', token }, decisions: [] }, meta)).toMatchObject({ ok: true, lines: [`Linked: handed to ${member.user.name}`] });
    expect((await rolesOf(workspace.id))[member.user.id]).toBe('owner');
    const [used] = await withSystem('test: token', (tx) => tx.select().from(authTokens).where(and(eq(authTokens.userId, person.id), eq(authTokens.purpose, 'delete_account'))));
    expect(used!.usedAt).toBeInstanceOf(Date);
    await cancelAccountDeletion(person.id, meta);
    expect(await scheduleAccountDeletion(person.id, { proof: { kind: 'link', token }, decisions: [] }, meta)).toMatchObject({ ok: false });
  });
});
