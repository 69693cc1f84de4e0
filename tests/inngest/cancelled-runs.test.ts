import { randomUUID } from 'node:crypto';
import { InngestTestEngine } from '@inngest/test';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { withSystem } from '@/db/tenant';
import { cancelledRunsFunction } from '@/inngest/functions/cancelled-runs';
import { defineWorkflow, type AnyWorkflow } from '@/lib/jobs/define-workflow';
import { findJobRun } from '@/lib/jobs/job-runs';
import { systemQuery } from '../helpers/database';

const slow = defineWorkflow(
  { id: 'test-cancel-slow', trigger: { event: 'test/cancel.slow' }, schema: z.object({}), timeout: '10m' },
  async () => null,
) as unknown as AnyWorkflow;
const fn = cancelledRunsFunction([slow]);

async function runningSince(eventId: string, minutesAgo: number) {
  await systemQuery(sql`
    insert into job_runs (workflow, idempotency_key, status, attempts, started_at)
    values (${slow.id}, ${eventId}, 'running', 1, now() - make_interval(mins => ${minutesAgo}))`);
}

const cancelledEvent = (eventId: string, functionId = `tessera-${slow.id}`) => ({
  name: 'inngest/function.cancelled',
  data: { function_id: functionId, run_id: randomUUID(), error: { name: 'Error', message: 'function cancelled' }, event: { id: eventId, name: 'test/cancel.slow', data: {} } },
});

describe('runs Inngest cancelled', () => {
  it('listens only to its own workflows', () => {
    expect(fn.opts.triggers).toEqual([{ event: 'inngest/function.cancelled', if: 'event.data.function_id == "tessera-test-cancel-slow"' }]);
  });

  it('a run past its timeout becomes failed with code timeout; an earlier cancellation becomes cancelled', async () => {
    const late = randomUUID();
    await runningSince(late, 11);
    await new InngestTestEngine({ function: fn, events: [cancelledEvent(late)] }).execute();
    const early = randomUUID();
    await runningSince(early, 1);
    await new InngestTestEngine({ function: fn, events: [cancelledEvent(early)] }).execute();

    const read = (id: string) => withSystem('test: read', (tx) => findJobRun(tx, slow.id, id));
    expect(await read(late)).toMatchObject({ status: 'failed', errorCode: 'timeout' });
    expect(await read(early)).toMatchObject({ status: 'cancelled', errorCode: 'cancelled' });
  });
});
