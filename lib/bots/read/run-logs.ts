import { and, desc, eq, lt, or } from 'drizzle-orm';
import { botRunLogs } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { pageLimit, pageOf, type Page, type TimeCursor } from './cursor';

export type RunLogStatus = 'running' | 'succeeded' | 'failed' | 'skipped';

export type RunLogItem = {
  id: string;
  slot: Date;
  status: RunLogStatus;
  /** Safe to show members: the runner writes messages, never raw errors. */
  message: string;
  attempts: number;
  durationMs: number | null;
  details: Record<string, unknown>;
  createdAt: Date;
};

function toItem(row: typeof botRunLogs.$inferSelect): RunLogItem {
  return {
    id: row.id,
    slot: row.slot,
    status: row.status as RunLogStatus,
    message: row.message,
    attempts: row.attempts,
    durationMs: row.durationMs,
    details: row.details,
    createdAt: row.createdAt,
  };
}

/** A bot's runs, newest slot first, keyset-paged on (slot, id). */
export async function listRunLogs(tx: Tx, botId: string, options: { limit: number; before?: TimeCursor }): Promise<Page<RunLogItem>> {
  const limit = pageLimit(options.limit);
  const before = options.before;
  const rows = await tx
    .select()
    .from(botRunLogs)
    .where(
      and(
        eq(botRunLogs.botId, botId),
        before ? or(lt(botRunLogs.slot, new Date(before.at)), and(eq(botRunLogs.slot, new Date(before.at)), lt(botRunLogs.id, before.id))) : undefined,
      ),
    )
    .orderBy(desc(botRunLogs.slot), desc(botRunLogs.id))
    .limit(limit + 1);
  return pageOf(rows.map(toItem), limit, (log) => log.slot);
}
