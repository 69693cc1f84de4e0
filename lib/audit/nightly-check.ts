import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/rows';
import { withSystem } from '@/db/tenant';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { getLogger } from '@/lib/observability/logger';
import type { KeyValueStore } from '@/lib/redis';
import { checkChainIntegrity } from './sealed-check';

/** Daily, at a quiet hour: every chain is re-hashed in full and its seal renewed. */
export const AUDIT_INTEGRITY_SCHEDULE = 'TZ=UTC 15 3 * * *';

export type NightlyCheckResult = { chains: number; entries: number; broken: Array<{ chain: string; brokenAtSeq: number; reason: string }> };

/**
 * Re-hashes every audit chain (workspaces' and accounts'), one transaction each, so the audit
 * page can trust its seal and check only newer entries. A broken chain is logged as an error
 * for the operators; the page shows it to the workspace on the next view.
 */
export async function runNightlyAuditCheck(options: { store?: KeyValueStore; now?: Date } = {}): Promise<NightlyCheckResult> {
  const chains = await withSystem('audit: audit chains', async (tx) =>
    rowsOf<{ chain: string }>(await tx.execute(sql`select distinct chain from audit_log order by chain`)).map((r) => r.chain),
  );
  const result: NightlyCheckResult = { chains: chains.length, entries: 0, broken: [] };
  for (const chain of chains) {
    const report = await checkChainIntegrity(chain, (fn) => withSystem('audit: nightly audit check', fn), { ...options, full: true });
    result.entries += report.rows;
    if (!report.ok) result.broken.push({ chain, brokenAtSeq: report.brokenAtSeq, reason: report.reason });
  }
  const log = getLogger({ component: 'audit-integrity' });
  if (result.broken.length > 0) log.error({ broken: result.broken }, 'audit chain verification failed');
  else log.info({ chains: result.chains, entries: result.entries }, 'audit chains verified');
  return result;
}

/** The nightly check as a cron workflow (listed in lib/workflows.ts): inline ticker or Inngest cron. */
export const auditIntegrityWorkflow = defineWorkflow(
  { id: 'audit-integrity', trigger: { cron: AUDIT_INTEGRITY_SCHEDULE }, retries: 1, timeout: '1h' },
  async (_payload, step) => step.run('verify-audit-chains', () => runNightlyAuditCheck()),
);
