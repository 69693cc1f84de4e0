import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/rows';
import { auditLog } from '@/db/schema';
import { tenantContext, withSystem, withTenant, type TenantContext } from '@/db/tenant';
import { recordAccountAudit, recordWorkspaceAudit } from '@/lib/audit/record';
import { accountChain, verifyChain, workspaceChain } from '@/lib/audit/verify';
import { createTenant } from '../../helpers/database';

function pgMessage(error: unknown): string {
  const e = error as { cause?: { message?: string }; message?: string };
  return e.cause?.message ?? e.message ?? String(error);
}

type Side = { ctx: TenantContext; tenantId: string; userId: string };

async function side(): Promise<Side> {
  const { user, workspace } = await createTenant();
  const ctx = tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' });
  await withTenant(ctx, (tx) => recordWorkspaceAudit(tx, workspace.id, { action: 'workspace.created', actorUserId: user.id }));
  await withSystem('test', (tx) => recordAccountAudit(tx, user.id, { action: 'auth.sign_in.succeeded', actorUserId: user.id }));
  return { ctx, tenantId: workspace.id, userId: user.id };
}

describe('audit log access', () => {
  let a: Side;
  let b: Side;
  beforeAll(async () => {
    a = await side();
    b = await side();
  });

  it.each([
    ['app_user', (q: ReturnType<typeof sql>) => withTenant(a.ctx, (tx) => tx.execute(q))],
    ['app_system', (q: ReturnType<typeof sql>) => withSystem('test: test tamper', (tx) => tx.execute(q))],
  ])('rejects UPDATE and DELETE as %s', async (_role, run) => {
    const chain = workspaceChain(a.tenantId);
    for (const query of [
      sql`update audit_log set action = 'workspace.deleted' where chain = ${chain}`,
      sql`delete from audit_log where chain = ${chain}`,
    ]) {
      await expect(run(query)).rejects.toSatisfy((error: unknown) => /append-only|permission denied/i.test(pgMessage(error)));
    }
    expect(await withSystem('test', (tx) => verifyChain(tx, chain))).toEqual({ ok: true, rows: 1 });
  });

  it("rejects the purge switch for app_user (it has no DELETE grant)", async () => {
    await expect(
      withTenant(a.ctx, async (tx) => {
        await tx.execute(sql`select set_config('app.audit_purge', 'on', true)`);
        await tx.execute(sql`delete from audit_log where tenant_id = ${a.tenantId}`);
      }),
    ).rejects.toSatisfy((error: unknown) => /permission denied/i.test(pgMessage(error)));
  });

  it("a workspace's events are invisible to another tenant", async () => {
    const seenByB = await withTenant(b.ctx, (tx) => tx.select().from(auditLog).where(eq(auditLog.chain, workspaceChain(a.tenantId))));
    expect(seenByB).toEqual([]);
    // An empty chain verifies: B cannot learn anything about A's trail, not even that it exists.
    expect(await withTenant(b.ctx, (tx) => verifyChain(tx, workspaceChain(a.tenantId)))).toEqual({ ok: true, rows: 0 });
  });

  it('account events are not visible under withTenant', async () => {
    const rows = await withTenant(a.ctx, async (tx) =>
      rowsOf<{ chain: string }>(await tx.execute(sql`select chain from audit_log where tenant_id is null or chain like 'u:%'`)),
    );
    expect(rows).toEqual([]);
    const own = await withTenant(a.ctx, (tx) => tx.select().from(auditLog).where(eq(auditLog.chain, accountChain(a.userId))));
    expect(own).toEqual([]);
  });

  it("a tenant can't append to another workspace's chain", async () => {
    await expect(
      withTenant(b.ctx, (tx) => recordWorkspaceAudit(tx, a.tenantId, { action: 'workspace.updated', actorUserId: b.userId })),
    ).rejects.toSatisfy((error: unknown) => /row-level security/i.test(pgMessage(error)));
  });
});
