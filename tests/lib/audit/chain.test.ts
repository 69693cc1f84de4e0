import { asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db/client';
import { auditLog } from '@/db/schema';
import { tenantContext, withSystem, withTenant } from '@/db/tenant';
import { recordAccountAudit, recordWorkspaceAudit } from '@/lib/audit/record';
import { accountChain, verifyChain, workspaceChain } from '@/lib/audit/verify';
import { createTenant } from '../../helpers/database';

function chainRows(chain: string) {
  return withSystem('test: test read audit chain', (tx) =>
    tx.select().from(auditLog).where(eq(auditLog.chain, chain)).orderBy(asc(auditLog.seq)),
  );
}

describe('audit chain', () => {
  it('links each row to the previous one and verifies', async () => {
    const { user, workspace } = await createTenant();
    const ctx = tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' });
    await withSystem('test', (tx) =>
      recordWorkspaceAudit(tx, workspace.id, { action: 'workspace.created', actorUserId: user.id }),
    );
    await withTenant(ctx, (tx) =>
      recordWorkspaceAudit(tx, workspace.id, {
        action: 'workspace.renamed',
        actorUserId: user.id,
        targetType: 'workspace',
        targetId: workspace.id,
        ip: '203.0.113.7',
        userAgent: 'Vitest',
        metadata: { to: 'New', from: 'Old', nested: { b: 2, a: [1, { z: true, y: null }] }, at: new Date(0), skip: undefined },
      }),
    );

    const rows = await chainRows(workspaceChain(workspace.id));
    expect(rows.map((r) => r.seq)).toEqual([1, 2]);
    expect(rows[0]!.prevHash).toBeNull();
    expect(rows[1]!.prevHash).toBe(rows[0]!.hash);
    expect(rows[0]!.tenantId).toBe(workspace.id);
    // The label is looked up so the row still says who acted after the user is deleted.
    expect(rows[0]!.actorLabel).toBe(user.email);
    expect(rows[1]!.hash).toMatch(/^[0-9a-f]{64}$/);

    expect(await withTenant(ctx, (tx) => verifyChain(tx, workspaceChain(workspace.id)))).toEqual({ ok: true, rows: 2 });
    expect(await withSystem('test', (tx) => verifyChain(tx, workspaceChain(workspace.id)))).toEqual({ ok: true, rows: 2 });
  });

  it('keeps account events in the user chain without a tenant', async () => {
    const { user } = await createTenant();
    await withSystem('test', async (tx) => {
      await recordAccountAudit(tx, user.id, { action: 'auth.sign_in.succeeded', actorUserId: user.id, ip: '198.51.100.1' });
      await recordAccountAudit(tx, user.id, { action: 'auth.password.changed', actorUserId: user.id, actorLabel: 'me' });
    });
    const rows = await chainRows(accountChain(user.id));
    expect(rows.map((r) => [r.seq, r.tenantId, r.actorLabel])).toEqual([
      [1, null, user.email],
      [2, null, 'me'],
    ]);
    expect(await withSystem('test', (tx) => verifyChain(tx, accountChain(user.id)))).toEqual({ ok: true, rows: 2 });
  });

  it('an empty chain verifies with no rows', async () => {
    expect(await withSystem('test', (tx) => verifyChain(tx, 'w:00000000-0000-0000-0000-000000000000'))).toEqual({ ok: true, rows: 0 });
  });

  it('concurrent appends to one chain get seq 1..20 and a valid chain', async () => {
    const { user, workspace } = await createTenant();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        withSystem('test: test concurrent audit', (tx) =>
          recordWorkspaceAudit(tx, workspace.id, { action: 'workspace.updated', actorUserId: user.id, metadata: { i } }),
        ),
      ),
    );
    const rows = await chainRows(workspaceChain(workspace.id));
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.metadata['i'])).size).toBe(20);
    expect(await withSystem('test', (tx) => verifyChain(tx, workspaceChain(workspace.id)))).toEqual({ ok: true, rows: 20 });
  });

  it('detects a row edited behind the trigger', async () => {
    const { user, workspace } = await createTenant();
    await withSystem('test', async (tx) => {
      for (const action of ['workspace.created', 'member.invited', 'member.joined'] as const) {
        await recordWorkspaceAudit(tx, workspace.id, { action, actorUserId: user.id, metadata: { email: 'a@example.test' } });
      }
    });
    const chain = workspaceChain(workspace.id);

    // Only a superuser can switch the trigger off; that is the attacker this chain is for.
    const db = await getDatabase();
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await tx.execute(sql`update audit_log set metadata = '{"email":"b@example.test"}' where chain = ${chain} and seq = 2`);
      await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    });

    expect(await withSystem('test', (tx) => verifyChain(tx, chain))).toEqual({
      ok: false,
      rows: 2,
      brokenAtSeq: 2,
      reason: 'hash_mismatch',
    });
  });

  it('detects a deleted row as a gap', async () => {
    const { user, workspace } = await createTenant();
    await withSystem('test', async (tx) => {
      for (let i = 0; i < 3; i += 1) await recordWorkspaceAudit(tx, workspace.id, { action: 'workspace.updated', actorUserId: user.id });
    });
    const chain = workspaceChain(workspace.id);
    const db = await getDatabase();
    await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.audit_purge', 'on', true)`);
      await tx.execute(sql`delete from audit_log where chain = ${chain} and seq = 2`);
    });
    expect(await withSystem('test', (tx) => verifyChain(tx, chain))).toMatchObject({ ok: false, brokenAtSeq: 2, reason: 'seq_gap' });
  });
});
