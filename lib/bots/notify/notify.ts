import { eq } from 'drizzle-orm';
import { bots, workspaces } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { appUrl, queueTemplate } from '@/lib/email/templates';
import { enqueueWorkflow } from '@/lib/jobs/outbox';
import { workspaceOwners } from '@/lib/tenancy/owners';
import { readNotify, type BotNotifyEvent } from './settings';
import { telegramHtml } from './telegram-message';
import { botTelegramWorkflow } from './telegram-workflow';

export type BotNotice = {
  event: BotNotifyEvent;
  /** Short: "deal closed on BTCUSDT". */
  headline: string;
  message: string;
  rows: [string, string][];
};

/**
 * Tells the people a bot's settings name about one of its events, in the transaction that recorded
 * it: email to the workspace owners and a Telegram message, each queued (the outbox sends them
 * after commit, with retries). Webhooks are not here: they go to every subscribed endpoint.
 */
export async function notifyBot(tx: Tx, tenantId: string, botId: string, notice: BotNotice): Promise<{ email: number; telegram: boolean }> {
  const [bot] = await tx.select({ name: bots.name, notify: bots.notify, telegramTokenSealed: bots.telegramTokenSealed }).from(bots).where(eq(bots.id, botId));
  if (!bot) return { email: 0, telegram: false };
  const settings = readNotify(bot.notify);
  if (!settings.events.includes(notice.event)) return { email: 0, telegram: false };
  let email = 0;
  if (settings.email) {
    const [workspace] = await tx.select({ name: workspaces.name, slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, tenantId));
    for (const owner of await workspaceOwners(tx, tenantId)) {
      await queueTemplate(
        tx,
        'bot-alert',
        owner.email,
        {
          name: owner.name,
          workspaceName: workspace?.name ?? 'your workspace',
          botName: bot.name,
          headline: notice.headline,
          message: notice.message,
          rows: notice.rows,
          botUrl: appUrl(`/w/${workspace?.slug ?? ''}/bots/${botId}`),
        },
        { tenantId },
      );
      email += 1;
    }
  }
  const telegram = Boolean(settings.telegram && bot.telegramTokenSealed);
  if (telegram) await enqueueWorkflow(tx, botTelegramWorkflow, { tenantId, botId, text: telegramHtml(bot.name, notice) });
  return { email, telegram };
}
