// The original bot's notifications were Telegram HTML: a bold title, then one "label: value" line
// each. Telegram's HTML mode needs <, > and & escaped in everything that isn't markup.

type Notice = { headline: string; message: string; rows: readonly (readonly [string, string])[] };

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Telegram's limit is 4096 characters a message. */
const MAX_LENGTH = 4096;

export function telegramHtml(botName: string, notice: Notice): string {
  const lines = [`<b>${escapeHtml(botName)}: ${escapeHtml(notice.headline)}</b>`, escapeHtml(notice.message), ...notice.rows.map(([label, value]) => `${escapeHtml(label)}: <code>${escapeHtml(value)}</code>`)];
  const text = lines.join('\n');
  return text.length <= MAX_LENGTH ? text : `${text.slice(0, MAX_LENGTH - 1)}…`;
}
