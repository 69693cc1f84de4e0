import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, outbox } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { createBot } from '@/lib/bots/bots';
import { notifyBot, type BotNotice } from '@/lib/bots/notify/notify';
import { sendTelegramMessage } from '@/lib/bots/notify/telegram-workflow';
import { resetEnvCache } from '@/lib/env';
import { createWorkspaceWithOwner, meta } from '../tenancy/support';

// A fake Telegram Bot API on 127.0.0.1: records each sendMessage and answers as Telegram does.
const received: { path: string; body: Record<string, unknown> }[] = [];
let server: Server;

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const body = JSON.parse(text || '{}') as Record<string, unknown>;
      received.push({ path: request.url ?? '', body });
      response.setHeader('content-type', 'application/json');
      if (String(body.chat_id) === 'unknown') {
        response.statusCode = 400;
        return response.end(JSON.stringify({ ok: false, error_code: 400, description: 'Bad Request: chat not found' }));
      }
      if (String(body.chat_id) === 'busy') {
        response.statusCode = 429;
        return response.end(JSON.stringify({ ok: false, error_code: 429, description: 'Too Many Requests: retry after 3' }));
      }
      response.end(JSON.stringify({ ok: true, result: { message_id: 77 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env.TELEGRAM_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resetEnvCache();
});

afterAll(async () => {
  delete process.env.TELEGRAM_API_URL;
  resetEnvCache();
  await new Promise((resolve) => server.close(resolve));
});

const notice: BotNotice = { event: 'deal_closed', headline: 'deal closed on BTCUSDT', message: 'Take profit at 60,900 <+1.5%>.', rows: [['Net', '+1.48 USDT']] };

describe('bot notifications', () => {
  it('queues an email to each owner and a Telegram message for an event the bot asks for, nothing for one it does not', async () => {
    const { ownerCtx: ctx, owner } = await createWorkspaceWithOwner();
    const bot = await withTenant(ctx, (tx) =>
      createBot(tx, ctx, { name: 'Notifier', exchange: 'paper', strategy: 'dca_ladder', notify: { email: true, events: ['deal_closed'], telegram: { chatId: '4242', botToken: '123456:test-token-abcdefghijklmnopqrstuvwxyz' } }, pairs: [{ symbol: 'BTCUSDT', side: 'long', leverage: 3, params: {} }] }, meta),
    );
    expect(await withTenant(ctx, (tx) => notifyBot(tx, ctx.tenantId, bot.id, notice))).toEqual({ email: 1, telegram: true });
    expect(await withTenant(ctx, (tx) => notifyBot(tx, ctx.tenantId, bot.id, { ...notice, event: 'deal_opened' }))).toEqual({ email: 0, telegram: false });

    const events = await withTenant(ctx, (tx) => tx.select({ name: outbox.name, data: outbox.data }).from(outbox).where(and(eq(outbox.tenantId, ctx.tenantId), eq(outbox.name, 'bots/telegram.requested'))));
    expect(events.map((e) => e.name)).toEqual(['bots/telegram.requested']);
    const telegram = events.find((e) => e.name === 'bots/telegram.requested')!.data;
    // The token never travels in the event; the text is Telegram HTML with the message escaped.
    expect(JSON.stringify(telegram)).not.toContain('test-token');
    expect(String(telegram.text)).toContain('&lt;+1.5%&gt;');
    const mails = await withSystem('test', (tx) => tx.select({ subject: emailOutbox.subject, html: emailOutbox.html }).from(emailOutbox).where(and(eq(emailOutbox.to, owner.email), eq(emailOutbox.template, 'bot-alert'))));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Notifier');
    expect(mails[0]!.html).toContain(`/bots/${bot.id}`);
  });

  it('sends through the Bot API, and tells a refusal that retrying cannot fix from one that it can', async () => {
    expect(await sendTelegramMessage('123456:test-token-abcdefghijklmnopqrstuvwxyz', '4242', '<b>Notifier</b>: deal closed')).toEqual({ sent: true, messageId: 77 });
    expect(received.at(-1)).toEqual({ path: '/bot123456:test-token-abcdefghijklmnopqrstuvwxyz/sendMessage', body: expect.objectContaining({ chat_id: '4242', parse_mode: 'HTML', text: '<b>Notifier</b>: deal closed' }) });
    await expect(sendTelegramMessage('123456:test-token-abcdefghijklmnopqrstuvwxyz', 'unknown', 'x')).rejects.toMatchObject({ name: 'NonRetriableWorkflowError', message: expect.stringContaining('chat not found') });
    const busy = sendTelegramMessage('123456:test-token-abcdefghijklmnopqrstuvwxyz', 'busy', 'x');
    await expect(busy).rejects.toThrow('Telegram answered 429');
    await expect(busy).rejects.not.toMatchObject({ name: 'NonRetriableWorkflowError' });
  });
});
