import { and, asc, eq, gt } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { auditRowHash } from './hash';

export { accountChain, workspaceChain } from './chains';

export type ChainVerification =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAtSeq: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' };

/**
 * Recomputes every hash of a chain in order. Reads in pages so a long history doesn't sit in
 * memory at once. Under app_user RLS hides other tenants' rows, which a workspace chain never has.
 */
export async function verifyChain(tx: Tx, chain: string): Promise<ChainVerification> {
  const pageSize = 1000;
  let expectedSeq = 1;
  let prevHash: string | null = null;
  let rows = 0;

  for (;;) {
    const page = await tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.chain, chain), gt(auditLog.seq, expectedSeq - 1)))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);

    for (const row of page) {
      rows += 1;
      if (row.seq !== expectedSeq) return { ok: false, rows, brokenAtSeq: expectedSeq, reason: 'seq_gap' };
      if (row.prevHash !== prevHash) return { ok: false, rows, brokenAtSeq: row.seq, reason: 'prev_hash_mismatch' };
      if (auditRowHash(row) !== row.hash) return { ok: false, rows, brokenAtSeq: row.seq, reason: 'hash_mismatch' };
      prevHash = row.hash;
      expectedSeq += 1;
    }
    if (page.length < pageSize) return { ok: true, rows };
  }
}
