import { apiRetentionWorkflow } from '@/lib/api/workflows';
import { auditIntegrityWorkflow } from '@/lib/audit/nightly-check';
import { usageReconcileWorkflow } from '@/lib/billing/usage-counters';
import { dunningWorkflow, trialReminderWorkflow } from '@/lib/billing/workflows';
import { emailDeliveryWorkflow, emailSweepWorkflow } from '@/lib/email/workflows';
import type { AnyWorkflow } from '@/lib/jobs/define-workflow';
import { retentionWorkflow } from '@/lib/jobs/retention';
import { accountPurgeWorkflow, workspacePurgeWorkflow } from '@/lib/tenancy/workflows';
import { accountExportWorkflow, privacyBackupsNightlyWorkflow, privacyBackupWorkflow, privacyExportWorkflow, privacyRestoreWorkflow } from '@/lib/privacy/workflows';
import { webhookDeliveryWorkflow, webhookSweepWorkflow } from '@/lib/webhooks/workflows';
import { helloWorkflow, outboxSweepWorkflow } from '@/lib/jobs/workflows';
import { botRunWorkflow, botsTickWorkflow } from '@/lib/bots/workflows';
import { botTelegramWorkflow } from '@/lib/bots/notify/telegram-workflow';
import { backtestWorkflow } from '@/lib/bots/backtest/workflow';
import { moneyImportReadWorkflow, moneyTransactionsChangedWorkflow, moneyWeeklySummaryTickWorkflow, moneyWeeklySummaryWorkflow } from '@/lib/money/workflows';

/**
 * THE list of workflows: each is defined once in lib/<module>/workflows.ts and listed here once.
 * The outbox catalog (lib/jobs/catalog.ts), the cron ticker, the Inngest event types
 * (inngest/events.ts) and the Inngest functions (inngest/functions/index.ts) all derive from it.
 * It lives outside lib/jobs so modules importing lib/jobs never form a cycle with it; only
 * entry points (and catalog.ts, loaded lazily) import it.
 */
export const workflows = [
  helloWorkflow,
  outboxSweepWorkflow,
  retentionWorkflow,
  auditIntegrityWorkflow,
  emailDeliveryWorkflow,
  emailSweepWorkflow,
  usageReconcileWorkflow,
  dunningWorkflow,
  trialReminderWorkflow,
  apiRetentionWorkflow,
  webhookDeliveryWorkflow,
  webhookSweepWorkflow,
  workspacePurgeWorkflow,
  accountPurgeWorkflow,
  privacyExportWorkflow,
  privacyBackupWorkflow,
  privacyBackupsNightlyWorkflow,
  privacyRestoreWorkflow,
  accountExportWorkflow,
  botsTickWorkflow,
  botRunWorkflow,
  botTelegramWorkflow,
  backtestWorkflow,
  moneyImportReadWorkflow,
  moneyTransactionsChangedWorkflow,
  moneyWeeklySummaryTickWorkflow,
  moneyWeeklySummaryWorkflow,
] as const;

/** The same list, payload types erased (zod types are invariant). */
export const workflowList: readonly AnyWorkflow[] = workflows as readonly unknown[] as readonly AnyWorkflow[];
