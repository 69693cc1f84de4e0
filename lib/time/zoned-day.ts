import { safeTimeZone } from './time-zone';

// Calendar days in a time zone: "which day is it there" and "when does that day start". Intl
// gives a zone's wall clock at an instant; the offset is measured twice because a guess and the
// answer can sit either side of a DST change.

const dayParts = new Map<string, Intl.DateTimeFormat>();

function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayParts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    dayParts.set(timeZone, format);
  }
  return format;
}

function wallClock(at: Date, timeZone: string) {
  const parts = wallClockFormat(timeZone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The calendar day (YYYY-MM-DD) an instant falls on in a time zone: a journal date, a budget month's day. */
export function zonedDay(at: Date, timeZone: string | null | undefined): string {
  const { year, month, day } = wallClock(at, safeTimeZone(timeZone));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The UTC instant a calendar day (YYYY-MM-DD) starts in a time zone. */
export function startOfZonedDay(isoDate: string, timeZone: string): Date {
  const zone = safeTimeZone(timeZone);
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(y, m - 1, d);
  const first = midnight - zoneOffsetMs(new Date(midnight), zone);
  return new Date(midnight - zoneOffsetMs(new Date(first), zone));
}

/** The start of the day after, so a "to" date includes its whole day. */
export function endOfZonedDay(isoDate: string, timeZone: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return startOfZonedDay(next, timeZone);
}

function zoneOffsetMs(at: Date, timeZone: string): number {
  const c = wallClock(at, timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return asUtc - (at.getTime() - at.getMilliseconds());
}
