import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { getLogger } from '@/lib/observability/logger';
import { dueAccountDeletions, purgeAccount } from './account-purge';
import { dueWorkspaceDeletions, purgeWorkspace } from './workspace-purge';

/**
 * Hourly: every workspace whose 30-day grace is over is purged, each in its own step so one that
 * fails (a billing provider down) is retried without redoing the others.
 */
export const workspacePurgeWorkflow = defineWorkflow(
  { id: 'workspace-purge', trigger: { cron: 'TZ=UTC 17 * * * *' }, retries: 3, timeout: '15m' },
  async (_payload, step) => {
    const due = await step.run('find-due-workspaces', () => dueWorkspaceDeletions());
    let purged = 0;
    for (const id of due) {
      const result = await step.run(`purge-${id}`, () => purgeWorkspace(id));
      if (result.outcome === 'purged') purged++;
    }
    getLogger({ component: 'workspace-purge' }).info({ due: due.length, purged }, 'workspace purge done');
    return { due: due.length, purged };
  },
);

/**
 * Hourly, after the workspace purge's minute: every account whose 30-day grace is over is erased
 * (lib/tenancy/account-purge.ts), one step each.
 */
export const accountPurgeWorkflow = defineWorkflow(
  { id: 'account-purge', trigger: { cron: 'TZ=UTC 47 * * * *' }, retries: 3, timeout: '15m' },
  async (_payload, step) => {
    const due = await step.run('find-due-accounts', () => dueAccountDeletions());
    let purged = 0;
    for (const id of due) {
      const result = await step.run(`purge-${id}`, () => purgeAccount(id));
      if (result.outcome === 'purged') purged++;
    }
    getLogger({ component: 'account-purge' }).info({ due: due.length, purged }, 'account purge done');
    return { due: due.length, purged };
  },
);
