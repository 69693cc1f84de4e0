// When the weekly summary goes: Monday between 08:00 and 08:59 on the workspace's clock, about
// the week that ended the day before (Monday to Sunday). Pure.
import { addDays } from '@/lib/money/recurring/dates';
import { safeTimeZone } from '@/lib/time';

export const SUMMARY_HOUR = 8;

const formats = new Map<string, Intl.DateTimeFormat>();

function localParts(at: Date, timeZone: string) {
  const zone = safeTimeZone(timeZone);
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: get('weekday'), day: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
}

/** The Monday (YYYY-MM-DD, local) when `at` falls in its summary hour there, else null. */
export function summaryMondayAt(at: Date, timeZone: string): string | null {
  const local = localParts(at, timeZone);
  return local.weekday === 'Mon' && local.hour === SUMMARY_HOUR ? local.day : null;
}

/** The week a Monday's summary covers: the seven days before it. */
export function summaryWeek(monday: string): { from: string; to: string } {
  return { from: addDays(monday, -7), to: addDays(monday, -1) };
}
