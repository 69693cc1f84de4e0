import { withSystem } from '@/db/tenant';
import { startEmailDelivery } from '@/lib/email';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { sendDunningReminders } from './stripe/dunning';
import { sendTrialEndingReminders } from './trial-reminders';

/**
 * Hourly: the day-3 and day-6 dunning reminders of past_due subscriptions (each sent once, so the
 * hour it runs in only decides how close to the day boundary a reminder goes out).
 */
export const dunningWorkflow = defineWorkflow(
  { id: 'billing-dunning', trigger: { cron: 'TZ=UTC 20 * * * *' }, retries: 2, timeout: '10m' },
  async (_payload, step) =>
    step.run('send-reminders', async () => {
      const queued = await withSystem('billing: dunning reminders', (tx) => sendDunningReminders(tx));
      if (queued) startEmailDelivery();
      return { queued };
    }),
);

/** Hourly: the "trial ends in 3 days" email of the built-in no-card trial, once per trial end. */
export const trialReminderWorkflow = defineWorkflow(
  { id: 'billing-trial-reminders', trigger: { cron: 'TZ=UTC 40 * * * *' }, retries: 2, timeout: '10m' },
  async (_payload, step) =>
    step.run('send-reminders', async () => {
      const queued = await withSystem('billing: trial reminders', (tx) => sendTrialEndingReminders(tx));
      if (queued) startEmailDelivery();
      return { queued };
    }),
);
