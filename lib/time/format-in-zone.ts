import { safeTimeZone } from './time-zone';

// The one way the UI and emails show an instant: in the reader's time zone (the user's, or the
// workspace's for workspace pages), en-GB by default ("22 Nov 2026, 09:00": day before month,
// 24-hour clock, no ambiguity between readers).

export const DEFAULT_DATE_LOCALE = 'en-GB';

export type DateStyle =
  /** 22 Nov 2026 */
  | 'date'
  /** 09:00 */
  | 'time'
  /** 22 Nov 2026, 09:00 */
  | 'date-time'
  /** 22 Nov 2026, 09:00:00 */
  | 'date-time-seconds'
  /** 22 Nov 2026, 09:00 GMT+3 — where the reader may not know which zone is meant (emails). */
  | 'date-time-zone'
  /** 22 Nov 2026, 09:00:00 UTC — logs and developer pages. */
  | 'date-time-seconds-zone';

const OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: 'medium' },
  time: { timeStyle: 'short' },
  'date-time': { dateStyle: 'medium', timeStyle: 'short' },
  'date-time-seconds': { dateStyle: 'medium', timeStyle: 'medium' },
  // dateStyle can't be combined with timeZoneName, so the same fields are spelled out.
  'date-time-zone': { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' },
  'date-time-seconds-zone': {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached formatter, for lists that format many dates with one style. */
export function dateFormatter(timeZone: string | null | undefined, style: DateStyle, locale = DEFAULT_DATE_LOCALE): Intl.DateTimeFormat {
  const zone = safeTimeZone(timeZone);
  const key = `${locale}|${zone}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...OPTIONS[style], timeZone: zone });
    formatters.set(key, format);
  }
  return format;
}

/** `formatInZone(run.startedAt, workspace.timezone, 'date-time')` → "22 Nov 2026, 09:00". */
export function formatInZone(date: Date, timeZone: string | null | undefined, style: DateStyle, locale = DEFAULT_DATE_LOCALE): string {
  return dateFormatter(timeZone, style, locale).format(date);
}
