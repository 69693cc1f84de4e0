import { cron } from 'inngest';
import { AUDIT_INTEGRITY_SCHEDULE, runNightlyAuditCheck } from '@/lib/audit/nightly-check';
import { inngest } from '@/lib/jobs/inngest-client';

/** Under Inngest the nightly audit re-hash runs here instead of the in-process ticker. */
export const auditIntegrity = inngest.createFunction(
  { id: 'audit-integrity', triggers: [cron(AUDIT_INTEGRITY_SCHEDULE)], concurrency: { limit: 1 }, retries: 1 },
  async ({ step }) => step.run('verify-audit-chains', () => runNightlyAuditCheck()),
);
