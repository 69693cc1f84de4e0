/**
 * A five-field cron matcher (minute hour day-of-month month day-of-week) in UTC, enough for the
 * in-process ticker: `*`, numbers, ranges `a-b`, lists `a,b`, steps `* /n` and `a-b/n`. The same
 * strings go to Inngest's cron(), which is why an optional `TZ=UTC ` prefix is accepted.
 */

export type CronSchedule = {
  minute: Set<number>;
  hour: Set<number>;
  dayOfMonth: Set<number>;
  month: Set<number>;
  dayOfWeek: Set<number>;
  /** Standard cron: when both day fields are restricted, either one matching is enough. */
  dayOfMonthAny: boolean;
  dayOfWeekAny: boolean;
};

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

type Field = { name: string; min: number; max: number };

function parseNumber(text: string, field: Field): number {
  if (!/^\d+$/.test(text)) throw new Error(`cron ${field.name}: not a number: ${text}`);
  const value = Number(text);
  if (value < field.min || value > field.max) throw new Error(`cron ${field.name}: ${value} outside ${field.min}-${field.max}`);
  return value;
}

function parseField(text: string, field: Field): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined || !range) throw new Error(`cron ${field.name}: bad part ${part}`);
    const step = stepText === undefined ? 1 : parseNumber(stepText, { ...field, min: 1, max: 59 });
    let from: number;
    let to: number;
    if (range === '*') [from, to] = [field.min, field.max];
    else if (range.includes('-')) {
      const [a, b] = range.split('-');
      [from, to] = [parseNumber(a ?? '', field), parseNumber(b ?? '', field)];
      if (from > to) throw new Error(`cron ${field.name}: range ${range} runs backwards`);
    } else {
      from = parseNumber(range, field);
      to = stepText === undefined ? from : field.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const text = expression.trim().replace(/^TZ=UTC\s+/, '');
  if (/^TZ=/.test(text)) throw new Error(`cron: only TZ=UTC is supported in-process: ${expression}`);
  const parts = text.split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron: expected 5 fields, got ${parts.length}: ${expression}`);
  const [minute, hour, dayOfMonth, month, dayOfWeek] = parts.map((p, i) => parseField(p, FIELDS[i]!)) as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  // 7 is Sunday too.
  if (dayOfWeek.delete(7)) dayOfWeek.add(0);
  return { minute, hour, dayOfMonth, month, dayOfWeek, dayOfMonthAny: parts[2] === '*', dayOfWeekAny: parts[4] === '*' };
}

export function cronMatches(schedule: CronSchedule | string, date: Date): boolean {
  const s = typeof schedule === 'string' ? parseCron(schedule) : schedule;
  if (!s.minute.has(date.getUTCMinutes()) || !s.hour.has(date.getUTCHours()) || !s.month.has(date.getUTCMonth() + 1)) {
    return false;
  }
  const dom = s.dayOfMonth.has(date.getUTCDate());
  const dow = s.dayOfWeek.has(date.getUTCDay());
  if (s.dayOfMonthAny && s.dayOfWeekAny) return true;
  if (s.dayOfMonthAny) return dow;
  if (s.dayOfWeekAny) return dom;
  return dom || dow;
}
