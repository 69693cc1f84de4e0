import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { kv, type KeyValueStore } from '@/lib/redis';
import { auditRowIntact } from './row-check';
import { walkChain, type ChainVerification } from './verify';

/**
 * How stale the last full re-hash may be before a page view does one itself. The nightly job
 * (lib/audit/nightly-check.ts) renews every seal each day, so views only pay for it when a run
 * was missed.
 */
export const FULL_CHECK_EVERY_MS = 36 * 60 * 60 * 1000;
const SEAL_TTL_SECONDS = 7 * 24 * 60 * 60;

const sealSchema = z.object({ seq: z.number().int().positive(), hash: z.string(), rows: z.number().int().positive(), fullAt: z.iso.datetime() });
type Seal = z.infer<typeof sealSchema>;

export type IntegrityReport = ChainVerification & {
  /** When every entry was last re-hashed. */
  fullyCheckedAt: Date;
  /** Entries re-hashed by this check (all of them on a full check). */
  checkedNow: number;
};

const sealKey = (chain: string) => `audit:seal:${chain}`;

async function readSeal(store: KeyValueStore, chain: string): Promise<Seal | null> {
  const raw = await store.get(sealKey(chain)).catch(() => null);
  if (!raw) return null;
  try {
    const parsed = sealSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Runs its callback in one transaction: `withSystem(reason, …)` or a page's `read`. */
export type TransactionRunner = <R>(fn: (tx: Tx) => Promise<R>) => Promise<R>;

/**
 * The audit page's integrity check without re-hashing the whole history on every view. A full
 * walk leaves a seal in Redis (last entry's seq and hash, when it ran); later views re-hash only
 * the entries after it, once the sealed entry is confirmed unchanged, and a full walk runs again
 * by the nightly job (or a view, when the seal is 36 hours old, missing, or doesn't match). So an
 * edit to a new entry shows at once and an edit to an old one after the next nightly check.
 * Without Redis every view is a full walk. The seal is read before and written after the
 * transaction the walk runs in (`inTransaction`): no Redis call inside a transaction.
 */
export async function checkChainIntegrity(
  chain: string,
  inTransaction: TransactionRunner,
  options: { store?: KeyValueStore; now?: Date; full?: boolean } = {},
): Promise<IntegrityReport> {
  const store = options.store ?? kv();
  const now = options.now ?? new Date();
  const seal = options.full ? null : await readSeal(store, chain);
  const fresh = seal && now.getTime() - Date.parse(seal.fullAt) < FULL_CHECK_EVERY_MS ? seal : null;

  const { result, head, start } = await inTransaction(async (tx) => {
    let start: Seal | null = null;
    if (fresh) {
      const [sealed] = await tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.chain, chain), eq(auditLog.seq, fresh.seq)))
        .limit(1);
      // Re-hashed, not just compared: an edit behind the trigger leaves the stored hash as it was.
      if (sealed && sealed.hash === fresh.hash && auditRowIntact(sealed)) start = fresh;
    }
    return { ...(await walkChain(tx, chain, start ?? undefined)), start };
  });

  const fullyCheckedAt = start ? new Date(start.fullAt) : now;
  if (result.ok && head) {
    const next: Seal = { ...head, fullAt: fullyCheckedAt.toISOString() };
    await store.set(sealKey(chain), JSON.stringify(next), { ttlSeconds: SEAL_TTL_SECONDS }).catch(() => false);
  } else if (!result.ok) {
    await store.del(sealKey(chain)).catch(() => 0);
  }
  return { ...result, fullyCheckedAt, checkedNow: start ? result.rows - start.rows : result.rows };
}
