import { isCurrencyCode } from '@/lib/currency';

// Amounts as banks print them ("1.234,56", "11'373.94", "($29.44)", "- $18.00", "12.50 CR") →
// a normalised decimal text ("-1234.56") that parseMoney turns into minor units. Text only: no
// floats anywhere.

export type DecimalSeparator = '.' | ',';
export type ThousandsSeparator = ',' | '.' | "'" | '’' | ' ' | '';
export type NumberFormat = { decimal: DecimalSeparator; thousands: ThousandsSeparator };

export const DECIMAL_SEPARATORS: readonly DecimalSeparator[] = ['.', ','];
export const THOUSANDS_SEPARATORS: readonly ThousandsSeparator[] = [',', '.', "'", '’', ' ', ''];

/** Every usable pair, most common first: the order breaks ties when the evidence can't. */
export const NUMBER_FORMATS: readonly NumberFormat[] = [
  { decimal: '.', thousands: ',' },
  { decimal: ',', thousands: '.' },
  { decimal: '.', thousands: '' },
  { decimal: ',', thousands: '' },
  { decimal: '.', thousands: "'" },
  { decimal: '.', thousands: '’' },
  { decimal: ',', thousands: ' ' },
  { decimal: '.', thousands: ' ' },
  { decimal: ',', thousands: "'" },
];

/** "1,234.56" style, for messages. */
export function describeNumberFormat(format: NumberFormat): string {
  return `1${format.thousands}234${format.decimal}56`;
}

const SPACES = /[\s\u00a0\u2007\u202f]+/g;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const bodyCache = new Map<string, RegExp>();

function bodyPattern(format: NumberFormat): RegExp {
  const key = format.decimal + format.thousands;
  let pattern = bodyCache.get(key);
  if (!pattern) {
    const d = escape(format.decimal);
    const t = format.thousands === '' ? null : escape(format.thousands);
    const whole = t ? `(?:\\d{1,3}(?:${t}\\d{3})+|\\d+)` : '\\d+';
    pattern = new RegExp(`^(?:(${whole})(?:${d}(\\d*))?|${d}(\\d+))$`);
    bodyCache.set(key, pattern);
  }
  return pattern;
}

const CURRENCY_PREFIX = /^(?:([A-Z]{3})|[A-Z]{0,2}\p{Sc})\s*/u;
const CURRENCY_SUFFIX = /\s*(?:([A-Z]{3})|\p{Sc})$/u;

/** Drops a currency symbol or ISO code ("$", "US$", "€", "CHF") at one end; other letters stay (and fail). */
function stripCurrency(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (!match || (match[1] !== undefined && !isCurrencyCode(match[1]))) return text;
  return text.slice(0, match.index) + text.slice(match.index + match[0].length);
}
const CREDIT_DEBIT_SUFFIX = /\s*(?<![A-Za-z])(CR|DR)\.?$/i;

/** True for a cell that holds no amount at all (blank, or a lone dash some banks print). */
export function isBlankAmount(text: string): boolean {
  const trimmed = text.trim();
  return trimmed === '' || trimmed === '-' || trimmed === '—';
}

/**
 * The amount in `text` as a plain decimal ("-1234.56"), or null when it isn't one in this
 * format. Signs: leading or trailing `-`/`+`, `−`, parentheses, `+ $`/`- $`, a CR (money in) or
 * DR (money out) suffix; one sign only. Currency symbols or ISO codes before or after are dropped.
 */
export function parseAmountText(text: string, format: NumberFormat): string | null {
  // A space as thousands separator means any space-like character; otherwise spaces are noise
  // around signs and symbols only, never inside the digits.
  let s = text.trim().replace(SPACES, ' ');
  if (s === '') return null;
  let negative = false;
  let signs = 0;

  const marker = CREDIT_DEBIT_SUFFIX.exec(s);
  if (marker) {
    negative = marker[1]!.toUpperCase() === 'DR';
    signs++;
    s = s.slice(0, marker.index).trim();
  }
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    signs++;
    s = s.slice(1, -1).trim();
  }
  const takeLeadingSign = () => {
    const sign = /^([+\-−])\s*/.exec(s);
    if (!sign) return;
    negative = sign[1] !== '+';
    signs++;
    s = s.slice(sign[0].length);
  };
  takeLeadingSign();
  s = stripCurrency(s, CURRENCY_PREFIX);
  takeLeadingSign();
  s = stripCurrency(s, CURRENCY_SUFFIX);
  const trailing = /(?<=\d)\s*([+\-−])$/.exec(s);
  if (trailing) {
    negative = trailing[1] !== '+';
    signs++;
    s = s.slice(0, trailing.index);
  }
  s = s.trim();
  if (signs > 1 || s === '') return null;
  if (format.thousands !== ' ' && s.includes(' ')) return null;

  const match = bodyPattern(format).exec(s);
  if (!match) return null;
  const grouped = match[1] ?? '0';
  const whole = format.thousands === '' ? grouped : grouped.split(format.thousands).join('');
  const fraction = match[2] ?? match[3] ?? '';
  const digits = fraction === '' ? whole : `${whole}.${fraction}`;
  const isZero = !/[1-9]/.test(digits);
  return negative && !isZero ? `-${digits}` : digits;
}

export type NumberFormatDetection = {
  /** The format to use, or null when the samples aren't amounts or can be read two ways. */
  format: NumberFormat | null;
  /** Share (0–1) of non-blank samples that parse in the best format. */
  share: number;
  /** Formats that read the samples equally well but give different values: ask the person. */
  ambiguous: NumberFormat[];
  /** What was assumed when the samples could not tell (e.g. no separator at all), for the wizard. */
  assumed: string | null;
};

/** Amounts are accepted as such when at least this share of the non-blank values parse. */
export const AMOUNT_SHARE = 0.8;

/**
 * Picks the number format by evidence: the formats that read the most samples; if those disagree
 * about a value ("1,234": 1234 or 1.234?) it refuses and lists them; if they agree, the commonest
 * is taken and `assumed` says what the file could not show.
 */
export function detectNumberFormat(samples: readonly string[]): NumberFormatDetection {
  const values = samples.map((s) => s.trim()).filter((s) => !isBlankAmount(s));
  if (values.length === 0) return { format: null, share: 0, ambiguous: [], assumed: null };
  const scored = NUMBER_FORMATS.map((format) => {
    const parsed = values.map((value) => parseAmountText(value, format));
    return { format, parsed, ok: parsed.filter((p) => p !== null).length };
  });
  const bestOk = Math.max(...scored.map((s) => s.ok));
  const share = bestOk / values.length;
  if (share < AMOUNT_SHARE) return { format: null, share, ambiguous: [], assumed: null };
  const best = scored.filter((s) => s.ok === bestOk);
  const groups = new Map<string, NumberFormat[]>();
  for (const candidate of best) {
    const key = JSON.stringify(candidate.parsed);
    groups.set(key, [...(groups.get(key) ?? []), candidate.format]);
  }
  if (groups.size > 1) return { format: null, share, ambiguous: [...groups.values()].map((g) => g[0]!), assumed: null };
  const formats = [...groups.values()][0]!;
  const format = formats[0]!;
  const decimals = new Set(formats.map((f) => f.decimal));
  const thousands = new Set(formats.map((f) => f.thousands));
  const assumptions: string[] = [];
  if (decimals.size > 1) assumptions.push(`no amount shows its decimal separator; assumed "${format.decimal}"`);
  if (thousands.size > 1) {
    assumptions.push(format.thousands === '' ? 'no amount uses a thousands separator' : `assumed "${format.thousands}" as thousands separator`);
  }
  return { format, share, ambiguous: [], assumed: assumptions.length > 0 ? `${assumptions.join('; ')}.` : null };
}
