import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/rows';
import { moneyMemberSettings, workspaces } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { enqueueEvents } from '@/lib/jobs/outbox';
import { summaryMondayAt } from './schedule';

export const WEEKLY_SUMMARY_EVENT = 'money/weekly-summary.requested';

/**
 * One hourly tick: the workspaces with a member who wants the summary, where it is Monday
 * 08:00–08:59 now, and who has not had this Monday's yet. One event per workspace (its
 * idempotency key is tenant + Monday, so a tick run twice queues one run); the run itself claims
 * each member by a conditional update before mailing (send.ts), so nobody gets it twice.
 */
export async function queueDueWeeklySummaries(now: Date, options: { tenantIds?: readonly string[] } = {}): Promise<Array<{ tenantId: string; monday: string }>> {
  const only = options.tenantIds ? sql`and w.id = any(${`{${options.tenantIds.join(',')}}`}::uuid[])` : sql``;
  return withSystem('workflows: money weekly summary', async (tx) => {
    const rows = rowsOf<{ id: string; timezone: string; last_sent: string | null }>(
      await tx.execute(sql`
        select w.id, w.timezone, min(coalesce(s.last_weekly_sent_on::text, '')) as last_sent
        from ${workspaces} w join ${moneyMemberSettings} s on s.tenant_id = w.id
        where s.weekly_summary ${only}
        group by w.id, w.timezone`),
    );
    const due = rows.flatMap((row) => {
      const monday = summaryMondayAt(now, row.timezone);
      return monday && (row.last_sent ?? '') < monday ? [{ tenantId: row.id, monday }] : [];
    });
    await enqueueEvents(tx, due.map((d) => ({ name: WEEKLY_SUMMARY_EVENT, tenantId: d.tenantId, data: { ...d } })));
    return due;
  });
}
