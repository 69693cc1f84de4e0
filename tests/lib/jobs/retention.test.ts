import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/rows';
import { withSystem } from '@/db/tenant';
import { deleteExpiredWorkflowRows, retentionPolicy, retentionWorkflow } from '@/lib/jobs/retention';
import { systemQuery } from '../../helpers/database';

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv;
const tag = `retention-${Date.now()}`;

async function seed() {
  // Outbox: dispatched 10 and 3 days ago, one pending for 30 days (never deleted: not sent yet).
  await systemQuery(sql`
    insert into outbox (name, data, dispatched_at, created_at) values
      (${`test/${tag}.old-sent`}, '{}', now() - interval '10 days', now() - interval '10 days'),
      (${`test/${tag}.new-sent`}, '{}', now() - interval '3 days', now() - interval '3 days'),
      (${`test/${tag}.old-pending`}, '{}', null, now() - interval '30 days')`);
  // Job runs: finished 40 and 10 days ago, one still running since 40 days (never deleted).
  await systemQuery(sql`
    insert into job_runs (workflow, idempotency_key, status, finished_at, created_at) values
      (${tag}, 'old-ok', 'succeeded', now() - interval '40 days', now() - interval '40 days'),
      (${tag}, 'old-failed', 'failed', now() - interval '31 days', now() - interval '31 days'),
      (${tag}, 'recent', 'succeeded', now() - interval '10 days', now() - interval '10 days'),
      (${tag}, 'stuck', 'running', null, now() - interval '40 days')`);
}

const left = async () => ({
  outbox: (await systemQuery<{ name: string }>(sql`select name from outbox where name like ${`test/${tag}.%`} order by name`)).map(
    (r) => r.name,
  ),
  runs: (await systemQuery<{ key: string }>(sql`select idempotency_key as key from job_runs where workflow = ${tag} order by 1`)).map(
    (r) => r.key,
  ),
});

describe('workflow retention', () => {
  beforeAll(seed);

  it('reads its ages from OUTBOX_RETENTION_DAYS and JOB_RUN_RETENTION_DAYS, 7 and 30 by default', () => {
    expect(retentionPolicy(env({}))).toEqual({ outboxDays: 7, jobRunDays: 30 });
    expect(retentionPolicy(env({ OUTBOX_RETENTION_DAYS: '2', JOB_RUN_RETENTION_DAYS: '90' }))).toEqual({ outboxDays: 2, jobRunDays: 90 });
    expect(() => retentionPolicy(env({ OUTBOX_RETENTION_DAYS: '0' }))).toThrow();
  });

  it('deletes dispatched outbox rows and finished runs past their age, in bounded batches, and nothing pending or running', async () => {
    // Batches of one: several rounds, each its own short transaction.
    const result = await deleteExpiredWorkflowRows({ outboxDays: 7, jobRunDays: 30 }, { batch: 1 });
    expect(result.outbox).toBeGreaterThanOrEqual(1);
    expect(result.jobRuns).toBeGreaterThanOrEqual(2);
    expect(result.batches).toBeGreaterThanOrEqual(5);
    expect(await left()).toEqual({
      outbox: [`test/${tag}.new-sent`, `test/${tag}.old-pending`],
      runs: ['recent', 'stuck'],
    });
    // A second pass finds nothing more of ours.
    await deleteExpiredWorkflowRows({ outboxDays: 7, jobRunDays: 30 });
    expect((await left()).runs).toEqual(['recent', 'stuck']);
  });

  it('runs daily as a system cron workflow', () => {
    expect(retentionWorkflow.cron).toMatch(/^TZ=UTC \d+ \d+ \* \* \*$/);
  });

  it('the cleanup queries can use the partial indexes', async () => {
    const plans = await withSystem('test: explain', async (tx) => {
      // Tiny test tables would be scanned anyway; the question is whether an index fits the query.
      await tx.execute(sql`set local enable_seqscan = off`);
      const explain = async (query: ReturnType<typeof sql>) =>
        rowsOf<Record<string, string>>(await tx.execute(sql`explain ${query}`))
          .map((row) => Object.values(row)[0])
          .join('\n');
      return {
        outbox: await explain(
          sql`select id from outbox where dispatched_at is not null and dispatched_at < now() - interval '7 days' limit 1000`,
        ),
        runs: await explain(
          sql`select id from job_runs where status in ('succeeded', 'failed', 'cancelled') and finished_at < now() - interval '30 days' limit 1000`,
        ),
      };
    });
    expect(plans.outbox).toContain('outbox_dispatched_idx');
    expect(plans.runs).toContain('job_runs_finished_idx');
  });
});
