import { cron } from 'inngest';
import { dispatchOutbox } from '@/lib/jobs';
import { OUTBOX_SWEEP_SCHEDULE } from '@/lib/jobs/cron-jobs';
import { inngest } from '@/lib/jobs/inngest-client';
import { outboxSweepRequested } from '../events';

/** Under Inngest the sweep that catches lost after-commit kicks runs here instead of the in-process ticker. */
export const outboxSweep = inngest.createFunction(
  {
    id: 'outbox-sweep',
    triggers: [cron(OUTBOX_SWEEP_SCHEDULE), outboxSweepRequested],
    // One sweep at a time; skip locked would make a second harmless, but it would only add load.
    concurrency: { limit: 1 },
    retries: 1,
  },
  async ({ step }) => step.run('dispatch-outbox', () => dispatchOutbox({ limit: 200 })),
);
