import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db/client';
import { withSystem } from '@/db/tenant';
import { runNightlyAuditCheck } from '@/lib/audit/nightly-check';
import { recordWorkspaceAudit } from '@/lib/audit/record';
import { checkChainIntegrity } from '@/lib/audit/sealed-check';
import { workspaceChain } from '@/lib/audit/verify';
import { MemoryKeyValueStore } from '@/lib/redis/memory-store';
import { createTenant } from '../../helpers/database';

async function chainWith(entries: number) {
  const { user, workspace } = await createTenant();
  await withSystem('test', async (tx) => {
    for (let i = 0; i < entries; i += 1) await recordWorkspaceAudit(tx, workspace.id, { action: 'workspace.updated', actorUserId: user.id });
  });
  return workspaceChain(workspace.id);
}

describe('nightly audit check', () => {
  it('re-hashes every chain in full, renews intact seals and reports the broken ones', async () => {
    const intact = await chainWith(3);
    const edited = await chainWith(3);
    const store = new MemoryKeyValueStore();
    const t0 = new Date('2026-11-22T03:15:00Z');
    await checkChainIntegrity(edited, (fn) => withSystem('test: seal', fn), { store, now: t0 });
    // An old entry edited behind the trigger: a page view trusting the fresh seal would miss it.
    const db = await getDatabase();
    await db.transaction(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      await tx.execute(sql`update audit_log set action = 'workspace.renamed' where chain = ${edited} and seq = 1`);
      await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    });

    const t1 = new Date(t0.getTime() + 60_000);
    const result = await runNightlyAuditCheck({ store, now: t1 });
    // Other test files share the database, so only this test's chains are asserted on.
    expect(result.broken).toEqual(expect.arrayContaining([{ chain: edited, brokenAtSeq: 1, reason: 'hash_mismatch' }]));
    expect(result.broken.map((b) => b.chain)).not.toContain(intact);
    expect(result.chains).toBeGreaterThanOrEqual(2);
    expect(JSON.parse((await store.get(`audit:seal:${intact}`))!)).toMatchObject({ seq: 3, rows: 3, fullAt: t1.toISOString() });
    expect(await store.get(`audit:seal:${edited}`)).toBeNull();
  });
});
