import { z } from 'zod';
import { BOT_NOTIFY_EVENTS, DEFAULT_NOTIFY_EVENTS } from './events';
import { decryptSecret, encryptSecret } from '@/lib/secrets';

// A bot's notification settings (bots.notify). Signed webhooks go to the workspace's endpoints
// (Settings → Webhooks) for every bot event; email and Telegram are chosen here, per bot.

export { BOT_NOTIFY_EVENT_LABELS, BOT_NOTIFY_EVENTS, DEFAULT_NOTIFY_EVENTS, type BotNotifyEvent } from './events';

const telegramInput = z.object({
  chatId: z
    .string()
    .trim()
    .regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/, 'A chat id is a number (e.g. 123456789 or -100123…) or a @channelname.'),
  /** Omitted on edit to keep the token on file. */
  botToken: z
    .string()
    .trim()
    .regex(/^\d{5,12}:[A-Za-z0-9_-]{30,64}$/, 'Paste the token BotFather gave you, e.g. 123456:ABC-DEF…')
    .optional(),
});

export const notifyInputSchema = z.object({
  email: z.boolean().default(true),
  events: z.array(z.enum(BOT_NOTIFY_EVENTS)).default(DEFAULT_NOTIFY_EVENTS),
  telegram: telegramInput.nullable().default(null),
});
export type NotifyInput = z.output<typeof notifyInputSchema>;

const storedSchema = z.object({
  email: z.boolean().default(true),
  events: z.array(z.enum(BOT_NOTIFY_EVENTS)).default(DEFAULT_NOTIFY_EVENTS),
  telegram: z.object({ chatId: z.string(), hint: z.string() }).nullable().default(null),
});
/** bots.notify; the token itself is bots.telegram_token_sealed. */
export type StoredNotify = z.output<typeof storedSchema>;

/** What the page may show: never the token. */
export type NotifyView = StoredNotify;

export function readNotify(raw: unknown): StoredNotify {
  const parsed = storedSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : storedSchema.parse({});
}

const scope = (tenantId: string) => ({ kind: 'workspace' as const, id: tenantId });

const tokenHint = (token: string) => `${token.split(':')[0]}:…${token.slice(-4)}`;

/**
 * The columns to store from what was sent. A Telegram token left out keeps the one on file;
 * `tokenSealed: undefined` means "leave the column as it is".
 */
export function storeNotify(
  tenantId: string,
  input: NotifyInput,
  current: { notify: unknown; telegramTokenSealed: string | null } | null,
): { notify: StoredNotify; tokenSealed: string | null | undefined } | { missingToken: true } {
  const before = current ? readNotify(current.notify) : null;
  if (!input.telegram) return { notify: { email: input.email, events: input.events, telegram: null }, tokenSealed: null };
  const token = input.telegram.botToken;
  if (token) {
    return { notify: { email: input.email, events: input.events, telegram: { chatId: input.telegram.chatId, hint: tokenHint(token) } }, tokenSealed: encryptSecret(token, scope(tenantId)) };
  }
  if (!before?.telegram || !current?.telegramTokenSealed) return { missingToken: true };
  return { notify: { email: input.email, events: input.events, telegram: { chatId: input.telegram.chatId, hint: before.telegram.hint } }, tokenSealed: undefined };
}

export function openTelegramToken(tenantId: string, sealed: string): string {
  return decryptSecret(sealed, scope(tenantId));
}
