import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db/client';
import { withSystem } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit/record';
import { checkChainIntegrity, FULL_CHECK_EVERY_MS } from '@/lib/audit/sealed-check';
import { workspaceChain } from '@/lib/audit/verify';
import { MemoryKeyValueStore } from '@/lib/redis/memory-store';
import { createTenant } from '../../helpers/database';

async function chainWith(entries: number) {
  const { user, workspace } = await createTenant();
  await append(workspace.id, user.id, entries);
  return { chain: workspaceChain(workspace.id), workspaceId: workspace.id, userId: user.id };
}

function append(workspaceId: string, userId: string, entries: number) {
  return withSystem('test', async (tx) => {
    for (let i = 0; i < entries; i += 1) await recordWorkspaceAudit(tx, workspaceId, { action: 'workspace.updated', actorUserId: userId, metadata: { i } });
  });
}

/** What only a superuser can do: edit an entry behind the append-only trigger. */
async function tamper(chain: string, seq: number) {
  const db = await getDatabase();
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    await tx.execute(sql`update audit_log set metadata = '{"forged":true}' where chain = ${chain} and seq = ${seq}`);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
  });
}

const check = (chain: string, store: MemoryKeyValueStore, now: Date) => checkChainIntegrity(chain, (fn) => withSystem('test', fn), { store, now });

describe('sealed chain integrity check', () => {
  it('re-hashes everything once, then only the entries written since', async () => {
    const { chain, workspaceId, userId } = await chainWith(5);
    const store = new MemoryKeyValueStore();
    const t0 = new Date('2026-11-22T06:00:00Z');

    expect(await check(chain, store, t0)).toEqual({ ok: true, rows: 5, checkedNow: 5, fullyCheckedAt: t0 });
    await append(workspaceId, userId, 2);
    const later = new Date(t0.getTime() + 60_000);
    expect(await check(chain, store, later)).toEqual({ ok: true, rows: 7, checkedNow: 2, fullyCheckedAt: t0 });
    expect(await check(chain, store, later)).toEqual({ ok: true, rows: 7, checkedNow: 0, fullyCheckedAt: t0 });
  });

  it('an edited new entry shows at once; an edited old one at the next full check', async () => {
    const { chain, workspaceId, userId } = await chainWith(4);
    const store = new MemoryKeyValueStore();
    const t0 = new Date('2026-11-22T06:00:00Z');
    await check(chain, store, t0);

    await append(workspaceId, userId, 2);
    await tamper(chain, 6);
    expect(await check(chain, store, t0)).toMatchObject({ ok: false, brokenAtSeq: 6, reason: 'hash_mismatch' });
    // A failed check leaves no seal: the next one starts from the beginning again.
    expect(await store.get(`audit:seal:${chain}`)).toBeNull();

    const other = await chainWith(4);
    await check(other.chain, store, t0);
    await tamper(other.chain, 2);
    expect(await check(other.chain, store, new Date(t0.getTime() + 1000))).toMatchObject({ ok: true, checkedNow: 0 });
    expect(await check(other.chain, store, new Date(t0.getTime() + FULL_CHECK_EVERY_MS))).toMatchObject({
      ok: false,
      brokenAtSeq: 2,
      reason: 'hash_mismatch',
    });
  });

  it('an edited sealed entry, or a seal that names another hash, forces a full check', async () => {
    const { chain } = await chainWith(3);
    const store = new MemoryKeyValueStore();
    const t0 = new Date('2026-11-22T06:00:00Z');
    await check(chain, store, t0);
    await tamper(chain, 3);
    expect(await check(chain, store, t0)).toMatchObject({ ok: false, brokenAtSeq: 3 });

    const fresh = await chainWith(3);
    await store.set(`audit:seal:${fresh.chain}`, JSON.stringify({ seq: 3, hash: 'f'.repeat(64), rows: 3, fullAt: t0.toISOString() }));
    expect(await check(fresh.chain, store, t0)).toEqual({ ok: true, rows: 3, checkedNow: 3, fullyCheckedAt: t0 });
    await store.set(`audit:seal:${fresh.chain}`, 'not json');
    expect(await check(fresh.chain, store, t0)).toMatchObject({ ok: true, checkedNow: 3 });
  });

  it('an empty chain is intact and leaves no seal', async () => {
    const store = new MemoryKeyValueStore();
    const chain = 'w:00000000-0000-4000-8000-000000000000';
    expect(await check(chain, store, new Date())).toMatchObject({ ok: true, rows: 0, checkedNow: 0 });
    expect(await store.get(`audit:seal:${chain}`)).toBeNull();
  });
});
