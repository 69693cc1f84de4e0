import { formatInZone } from '@/lib/time';
import type { BotStatus } from '../bots';

// How bot figures read on screens and in emails. Amounts arrive as decimal text from numeric
// columns; Intl formats the string itself, so no float rounds the money on the way.

const amount = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signed = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const price = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 8 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

type NumericText = `${number}`;

/** "1,234.56 USDT". */
export function formatQuote(value: string, currency: string): string {
  return `${amount.format(value as NumericText)} ${currency}`;
}

/** "+12.30 USDT", "−4.00 USDT", "0.00 USDT": profit and loss. */
export function formatPnl(value: string, currency: string): string {
  return `${signed.format(value as NumericText).replace('-', '−')} ${currency}`;
}

/** A price or quantity as the exchange gave it, to 8 significant digits. */
export function formatPrice(value: string): string {
  return price.format(value as NumericText);
}

/** A margin level or other ratio to two decimals: "66.67". */
export function formatRatio(value: string): string {
  return amount.format(value as NumericText);
}

/** 0.625 → "62.5%"; null → "—". */
export function formatRate(value: number | null): string {
  return value === null ? '—' : percent.format(value);
}

export function pnlTone(value: string): 'positive' | 'negative' | 'neutral' {
  return value.startsWith('-') ? 'negative' : /^0(\.0*)?$/.test(value) ? 'neutral' : 'positive';
}

export const STATUS_LABELS: Record<BotStatus, string> = { inactive: 'Not started', active: 'Running', paused: 'Paused', error: 'Stopped by an error' };

/** "Every 5 minutes", "Hourly", "Every 4 hours". */
export function intervalLabel(minutes: number): string {
  if (minutes === 1) return 'Every minute';
  if (minutes === 60) return 'Hourly';
  if (minutes % 60 === 0) return `Every ${minutes / 60} hours`;
  return `Every ${minutes} minutes`;
}

/** "Due now" once the slot has come (the scheduler picks it up within the minute), else when; "—" when not running. */
export function nextRunText(bot: { status: BotStatus; nextRunAt: Date | null }, timeZone: string, now = new Date()): string {
  if (bot.status !== 'active' || !bot.nextRunAt) return '—';
  return bot.nextRunAt.getTime() <= now.getTime() ? 'Due now' : formatInZone(bot.nextRunAt, timeZone, 'date-time');
}
