// Dates as banks print them → `YYYY-MM-DD`. Day/month order is never guessed: when both orders
// read every sample, detection says so and the wizard asks the person.

type Order = 'ymd' | 'mdy' | 'dmy';
type FormatSpec = { order: Order; separator: string; year: 2 | 4; compact?: boolean };

const SPECS = {
  'YYYY-MM-DD': { order: 'ymd', separator: '-', year: 4 },
  'YYYY/MM/DD': { order: 'ymd', separator: '/', year: 4 },
  YYYYMMDD: { order: 'ymd', separator: '', year: 4, compact: true },
  'MM/DD/YYYY': { order: 'mdy', separator: '/', year: 4 },
  'DD/MM/YYYY': { order: 'dmy', separator: '/', year: 4 },
  'M/D/YY': { order: 'mdy', separator: '/', year: 2 },
  'D/M/YY': { order: 'dmy', separator: '/', year: 2 },
  'DD.MM.YYYY': { order: 'dmy', separator: '.', year: 4 },
  'DD.MM.YY': { order: 'dmy', separator: '.', year: 2 },
  'DD-MM-YYYY': { order: 'dmy', separator: '-', year: 4 },
  'MM-DD-YYYY': { order: 'mdy', separator: '-', year: 4 },
} as const satisfies Record<string, FormatSpec>;

export type DateFormat = keyof typeof SPECS;
export const DATE_FORMATS = Object.keys(SPECS) as [DateFormat, ...DateFormat[]];

/** A time after the date (Venmo `2024-01-05T12:34:56`, `01/05/2024 3:04 PM`, a zone): ignored. */
const TIME = String.raw`(?:[T ]\s*\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?`;

const patterns = new Map<DateFormat, RegExp>();
function pattern(format: DateFormat): RegExp {
  let re = patterns.get(format);
  if (!re) {
    const spec: FormatSpec = SPECS[format];
    const year = spec.year === 4 ? String.raw`(\d{4})` : String.raw`(\d{2})`;
    const part = spec.compact ? String.raw`(\d{2})` : String.raw`(\d{1,2})`;
    const sep = spec.separator.replace(/[./-]/g, '\\$&');
    const fields = spec.order === 'ymd' ? [year, part, part] : [part, part, year];
    re = new RegExp(`^${fields.join(sep)}${TIME}$`);
    patterns.set(format, re);
  }
  return re;
}

/** Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999 (as strptime does). */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

export type DateParse = { ok: true; date: string } | { ok: false; reason: 'format' | 'impossible' };

/** `text` in `format` → `YYYY-MM-DD`, telling a wrong layout from an impossible date (31/02). */
export function readDate(text: string, format: DateFormat): DateParse {
  const match = pattern(format).exec(text.trim());
  if (!match) return { ok: false, reason: 'format' };
  const spec: FormatSpec = SPECS[format];
  const [a, b, c] = [match[1]!, match[2]!, match[3]!];
  const [y, m, d] = spec.order === 'ymd' ? [a, b, c] : spec.order === 'mdy' ? [c, a, b] : [c, b, a];
  const year = fullYear(y);
  const month = Number(m);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, reason: 'impossible' };
  return { ok: true, date: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` };
}

export function parseDate(text: string, format: DateFormat): string | null {
  const result = readDate(text, format);
  return result.ok ? result.date : null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export type DateFormatDetection = {
  /** Formats that read ≥ 80% of the samples, best first. */
  formats: DateFormat[];
  /** The one to use, or null when none fits or the day/month order is ambiguous. */
  format: DateFormat | null;
  /** Both D/M and M/D orders read the samples equally well (no day above 12): ask the person. */
  ambiguous: boolean;
  /** Share (0–1) of non-blank samples the best format reads. */
  share: number;
};

export const DATE_SHARE = 0.8;

export function detectDateFormat(samples: readonly string[]): DateFormatDetection {
  const values = samples.map((s) => s.trim()).filter((s) => s !== '');
  if (values.length === 0) return { formats: [], format: null, ambiguous: false, share: 0 };
  const scored = DATE_FORMATS.map((format) => ({ format, share: values.filter((v) => readDate(v, format).ok).length / values.length }))
    .filter((s) => s.share >= DATE_SHARE)
    .sort((x, y) => y.share - x.share);
  const formats = scored.map((s) => s.format);
  const top = scored[0];
  if (!top) {
    const best = Math.max(...DATE_FORMATS.map((format) => values.filter((v) => readDate(v, format).ok).length / values.length));
    return { formats, format: null, ambiguous: false, share: best };
  }
  const orders = new Set(scored.filter((s) => s.share === top.share).map((s) => SPECS[s.format].order));
  const ambiguous = orders.has('dmy') && orders.has('mdy');
  return { formats, format: ambiguous ? null : top.format, ambiguous, share: top.share };
}

/** The formats that read a value the other way round (MM/DD/YYYY ↔ DD/MM/YYYY …), for the question. */
export function dateOrderOf(format: DateFormat): Order {
  return SPECS[format].order;
}
