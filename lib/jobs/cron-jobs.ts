import { AUDIT_INTEGRITY_SCHEDULE, runNightlyAuditCheck } from '@/lib/audit/nightly-check';
import { dispatchOutbox } from './outbox';

export type CronJob = { id: string; schedule: string; run: () => Promise<unknown> };

/** Every minute: catches events whose after-commit kick was lost (crash, failed send). */
export const OUTBOX_SWEEP_SCHEDULE = 'TZ=UTC * * * * *';

/** What the in-process ticker runs in zero-config mode; under Inngest, inngest/functions schedule the same. */
export const cronJobs: readonly CronJob[] = [
  { id: 'outbox-sweep', schedule: OUTBOX_SWEEP_SCHEDULE, run: () => dispatchOutbox({ limit: 200 }) },
  { id: 'audit-integrity', schedule: AUDIT_INTEGRITY_SCHEDULE, run: () => runNightlyAuditCheck() },
];
