import { describe, expect, it } from 'vitest';
import { functions } from '@/inngest/functions';
import { workflowCatalog } from '@/lib/jobs/catalog';

describe('served Inngest functions', () => {
  it('every workflow the inline runner knows has an Inngest function of the same id', () => {
    const ids = functions.map((fn) => fn.id());
    for (const workflow of workflowCatalog) expect(ids, workflow.name).toContain(workflow.name);
  });

  it('the outbox sweep runs on cron every minute under Inngest too', () => {
    const sweep = functions.find((fn) => fn.id() === 'outbox-sweep');
    expect(sweep?.opts.triggers).toEqual(expect.arrayContaining([{ cron: 'TZ=UTC * * * * *' }]));
  });

  it('every in-process cron job has an Inngest function of the same id and schedule', async () => {
    const { cronJobs } = await import('@/lib/jobs/cron-jobs');
    for (const job of cronJobs) {
      const fn = functions.find((f) => f.id() === job.id);
      expect(fn?.opts.triggers, job.id).toEqual(expect.arrayContaining([{ cron: job.schedule }]));
    }
  });
});
