import { and, asc, eq, gt } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { auditRowIntact } from './row-check';

export { accountChain, workspaceChain } from './chains';

export type ChainVerification =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAtSeq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' };

/** The last entry a walk reached: where a later walk can start (lib/audit/sealed-check.ts). */
export type ChainHead = { seq: number; hash: string; rows: number };

/**
 * Recomputes every hash of a chain in order. Reads in pages so a long history doesn't sit in
 * memory at once. Under app_user RLS hides other tenants' rows, which a workspace chain never has.
 */
export async function verifyChain(tx: Tx, chain: string): Promise<ChainVerification> {
  return (await walkChain(tx, chain)).result;
}

/**
 * verifyChain's walk, optionally resumed after `from` (an entry a previous walk verified): only
 * later entries are read, and the first must link to `from.hash`.
 */
export async function walkChain(tx: Tx, chain: string, from?: ChainHead): Promise<{ result: ChainVerification; head: ChainHead | null }> {
  const pageSize = 1000;
  let expectedSeq = from ? from.seq + 1 : 1;
  let prevHash: string | null = from?.hash ?? null;
  let rows = from?.rows ?? 0;
  const head = (): ChainHead | null => (prevHash === null ? null : { seq: expectedSeq - 1, hash: prevHash, rows });

  for (;;) {
    const page = await tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.chain, chain), gt(auditLog.seq, expectedSeq - 1)))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);

    for (const row of page) {
      rows += 1;
      const broken = (brokenAtSeq: number, reason: Extract<ChainVerification, { ok: false }>['reason']) => ({
        result: { ok: false as const, rows, brokenAtSeq, reason },
        head: null,
      });
      if (row.seq !== expectedSeq) return broken(expectedSeq, 'seq_gap');
      if (row.prevHash !== prevHash) return broken(row.seq, 'prev_hash_mismatch');
      if (!auditRowIntact(row)) return broken(row.seq, 'hash_mismatch');
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (page.length < pageSize) return { result: { ok: true, rows }, head: head() };
  }
}
