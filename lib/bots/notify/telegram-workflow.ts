import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { bots } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { env } from '@/lib/env';
import { defineWorkflow } from '@/lib/jobs/define-workflow';
import { NonRetriableWorkflowError } from '@/lib/jobs/errors';
import { openTelegramToken, readNotify } from './settings';

/**
 * Sends one bot notification through Telegram's Bot API. The token is read from the bot when the
 * message goes (never carried in the event), so a token changed or removed since is respected.
 * Telegram's 4xx answers (wrong token, unknown chat) can't be fixed by retrying; 429 and 5xx can.
 */
export const botTelegramWorkflow = defineWorkflow(
  {
    id: 'bot-telegram',
    trigger: { event: 'bots/telegram.requested' },
    schema: z.object({ tenantId: z.uuid(), botId: z.uuid(), text: z.string().min(1).max(4096) }),
    throttle: { limit: 20, period: '1m', key: 'botId' },
    retries: 5,
    backoff: { initial: '5s', max: '5m' },
    timeout: '30m',
  },
  async ({ botId, text }, step, ctx) => {
    const tenant = ctx.asTenant();
    const target = await step.run('read-settings', () =>
      withTenant(tenant, async (tx) => {
        const [bot] = await tx.select({ notify: bots.notify, sealed: bots.telegramTokenSealed }).from(bots).where(eq(bots.id, botId));
        const chatId = bot ? readNotify(bot.notify).telegram?.chatId : undefined;
        return chatId && bot?.sealed ? { chatId } : null;
      }),
    );
    if (!target) return { sent: false, reason: 'telegram is off for this bot' };
    return step.run('send', async () => {
      const sealed = await withTenant(tenant, async (tx) => (await tx.select({ sealed: bots.telegramTokenSealed }).from(bots).where(eq(bots.id, botId)))[0]?.sealed);
      if (!sealed) return { sent: false, reason: 'telegram is off for this bot' };
      return sendTelegramMessage(openTelegramToken(tenant.tenantId, sealed), target.chatId, text);
    });
  },
);

export async function sendTelegramMessage(token: string, chatId: string, text: string): Promise<{ sent: true; messageId: number | null }> {
  const response = await fetch(`${env().TELEGRAM_API_URL}/bot${token}/sendMessage`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chat_id: chatId, text, parse_mode: 'HTML', disable_web_page_preview: true }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => null)) as { ok?: boolean; description?: string; result?: { message_id?: number } } | null;
  if (response.ok && body?.ok) return { sent: true, messageId: body.result?.message_id ?? null };
  // Never the URL: it carries the token.
  const reason = `Telegram answered ${response.status}${body?.description ? `: ${body.description}` : ''}`;
  if (response.status >= 400 && response.status < 500 && response.status !== 429) throw new NonRetriableWorkflowError(reason, { code: 'telegram_refused' });
  throw new Error(reason);
}
