import { asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db/client';
import { auditLog, memberships } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { auditRowHash, type HashedAuditFields } from '@/lib/audit/hash';
import { pseudonymFor, pseudonymiseAuditActor } from '@/lib/audit/pseudonymise';
import { recordAccountAudit, recordWorkspaceAudit } from '@/lib/audit/record';
import { accountChain, verifyChain, workspaceChain } from '@/lib/audit/verify';
import { createTenant } from '../../helpers/database';

const rowsOf = (chain: string) =>
  withSystem('test: read chain', (tx) => tx.select().from(auditLog).where(eq(auditLog.chain, chain)).orderBy(asc(auditLog.seq)));

/** A row as the app wrote them before migration 0021 (hash over the personal fields themselves). */
async function appendVersion1(chain: string, tenantId: string | null, actor: { id: string; email: string }, seq: number, prevHash: string | null) {
  const fields: HashedAuditFields = {
    chain,
    seq,
    prevHash,
    tenantId,
    actorUserId: actor.id,
    actorLabel: actor.email,
    action: 'workspace.updated',
    targetType: null,
    targetId: null,
    ip: '203.0.113.9',
    userAgent: 'Old browser',
    metadata: { legacy: true },
    createdAt: new Date('2026-06-01T10:00:00.000Z'),
  };
  const hash = auditRowHash(fields);
  await withSystem('test: legacy audit row', (tx) => tx.insert(auditLog).values({ ...fields, hashVersion: 1, hash }));
  return hash;
}

async function verify(chain: string) {
  return withSystem('test: verify', (tx) => verifyChain(tx, chain));
}

describe('erasing a person from the audit trail', () => {
  it('blanks actor, label, ip and user agent in every chain while each chain still verifies', async () => {
    const { user, workspace, outsider } = await createTenant();
    const chain = workspaceChain(workspace.id);
    // Two version 1 rows first (an installation upgraded from before 0021), then version 2 rows.
    const first = await appendVersion1(chain, workspace.id, user, 1, null);
    await appendVersion1(chain, workspace.id, user, 2, first);
    await withSystem('test: seed', async (tx) => {
      await tx.insert(memberships).values({ tenantId: workspace.id, userId: outsider.id, role: 'admin' });
      await recordWorkspaceAudit(tx, workspace.id, { action: 'workspace.renamed', actorUserId: user.id, ip: '198.51.100.4', userAgent: 'Firefox', metadata: { to: 'x' } });
      await recordWorkspaceAudit(tx, workspace.id, { action: 'member.joined', actorUserId: outsider.id, ip: '192.0.2.1', userAgent: 'Safari' });
      await recordAccountAudit(tx, user.id, { action: 'auth.sign_in.succeeded', actorUserId: user.id, ip: '198.51.100.4', userAgent: 'Firefox' });
      await recordAccountAudit(tx, user.id, { action: 'auth.password.changed', actorUserId: outsider.id, ip: '192.0.2.1' });
    });
    expect(await verify(chain)).toEqual({ ok: true, rows: 4 });

    const result = await withSystem('test: erase', (tx) => pseudonymiseAuditActor(tx, user.id));
    expect(result.rows).toBe(5);

    const pseudonym = pseudonymFor(user.id);
    expect(pseudonym).toMatch(/^deleted-user-[a-z0-9]{12}$/);
    expect(pseudonymFor(user.id)).toBe(pseudonym);

    const workspaceRows = await rowsOf(chain);
    const erased = workspaceRows.filter((r) => r.seq !== 4);
    for (const row of erased) {
      expect(row).toMatchObject({ actorUserId: null, actorLabel: pseudonym, ip: null, userAgent: null, personalSalt: null });
      expect(row.pseudonymisedAt).toBeInstanceOf(Date);
    }
    // Another member's entry is untouched.
    expect(workspaceRows[3]).toMatchObject({ actorUserId: outsider.id, actorLabel: outsider.email, ip: '192.0.2.1', pseudonymisedAt: null });

    const accountRows = await rowsOf(accountChain(user.id));
    expect(accountRows.map((r) => [r.actorUserId, r.actorLabel, r.ip])).toEqual([
      [null, pseudonym, null],
      // Someone else acted on this account: their label stays, the rest goes with the account.
      [null, outsider.email, null],
    ]);
    // The account chain keeps its name (u:<id>): an id that, once the user row is gone, points at no one.
    const everything = JSON.stringify([...workspaceRows, ...accountRows].filter((r) => r.pseudonymisedAt).map(({ chain: _chain, ...rest }) => rest));
    expect(everything).not.toContain(user.email);
    expect(everything).not.toContain(user.id);

    expect(await verify(chain)).toEqual({ ok: true, rows: 4 });
    expect(await verify(accountChain(user.id))).toEqual({ ok: true, rows: 2 });

    // Running it again finds nothing left to erase.
    expect((await withSystem('test: erase again', (tx) => pseudonymiseAuditActor(tx, user.id))).rows).toBe(0);
  });

  it('still catches an edit to an erased row, of either version', async () => {
    const { user, workspace } = await createTenant();
    const chain = workspaceChain(workspace.id);
    await appendVersion1(chain, workspace.id, user, 1, null);
    const [legacy] = await rowsOf(chain);
    await withSystem('test: seed', (tx) => recordWorkspaceAudit(tx, workspace.id, { action: 'workspace.renamed', actorUserId: user.id }));
    const [, current] = await rowsOf(chain);
    expect(current!.prevHash).toBe(legacy!.hash);
    await withSystem('test: erase', (tx) => pseudonymiseAuditActor(tx, user.id));

    const db = await getDatabase();
    const tamper = (seq: number) =>
      db.transaction(async (tx) => {
        await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
        await tx.execute(sql`update audit_log set action = 'workspace.created' where chain = ${chain} and seq = ${seq}`);
        await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      });
    await tamper(2);
    expect(await verify(chain)).toMatchObject({ ok: false, brokenAtSeq: 2, reason: 'hash_mismatch' });
    await tamper(1);
    expect(await verify(chain)).toMatchObject({ ok: false, brokenAtSeq: 1, reason: 'hash_mismatch' });
  });

  it('an edit of an intact row shows, including its personal fields', async () => {
    const { user, workspace } = await createTenant();
    await withSystem('test: seed', (tx) => recordWorkspaceAudit(tx, workspace.id, { action: 'workspace.renamed', actorUserId: user.id, ip: '198.51.100.4' }));
    const chain = workspaceChain(workspace.id);
    const db = await getDatabase();
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await tx.execute(sql`update audit_log set ip = '10.0.0.1' where chain = ${chain}`);
      await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    });
    expect(await verify(chain)).toMatchObject({ ok: false, brokenAtSeq: 1, reason: 'hash_mismatch' });
  });

  it('the trigger allows only the erasure: no other update, not twice, not without the setting', async () => {
    const { user, workspace } = await createTenant();
    await withSystem('test: seed', (tx) => recordWorkspaceAudit(tx, workspace.id, { action: 'workspace.renamed', actorUserId: user.id, ip: '198.51.100.4' }));
    const chain = workspaceChain(workspace.id);
    const attempt = (statement: ReturnType<typeof sql>, pseudonymise = true) =>
      withSystem('test: update audit', async (tx) => {
        if (pseudonymise) await tx.execute(sql`select set_config('app.audit_pseudonymise', 'on', true)`);
        await tx.execute(statement);
      }).catch((error: Error & { cause?: Error }) => {
        throw new Error(error.cause?.message ?? error.message);
      });
    const erase = sql`update audit_log set actor_user_id = null, ip = null, user_agent = null, personal_salt = null, pseudonymised_at = now() where chain = ${chain}`;
    await expect(attempt(erase, false)).rejects.toThrow(/append-only/);
    await expect(
      attempt(sql`update audit_log set actor_user_id = null, ip = null, user_agent = null, personal_salt = null, pseudonymised_at = now(), action = 'x' where chain = ${chain}`),
    ).rejects.toThrow(/append-only/);
    await expect(attempt(sql`update audit_log set ip = null where chain = ${chain}`)).rejects.toThrow(/append-only/);
    await attempt(erase);
    await expect(attempt(erase)).rejects.toThrow(/append-only/);
    expect(await verify(chain)).toEqual({ ok: true, rows: 1 });
  });
});
