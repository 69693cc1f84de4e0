import { z } from 'zod';
import { MONEY_TRANSACTION_RECONCILIATION, MONEY_TRANSACTION_STATUSES } from '@/lib/money/transactions/transaction-values';
import { bucketNameSchema, occasionTagSchema, PATTERN_MAX, regexProblem } from '@/lib/money/rules/rule-schema';

// One filter over a household's transactions: the transactions list, saved filters, the API and
// every report read it (filter-sql.ts turns it into SQL). Amounts are signed minor units of the
// transaction's own currency (negative = money out), so a filter never guesses a currency.

export const FILTER_TEXT_MODES = ['search', 'substring', 'regex'] as const;
export const FILTER_TRANSFER_MODES = ['include', 'exclude', 'only'] as const;
export const MAX_RELATIVE_DAYS = 3660;
const MAX_LIST = 200;

const idList = (what: string) =>
  z
    .array(z.uuid({ error: `Choose ${what} from the list.` }), { error: `Choose ${what} from the list.` })
    .max(MAX_LIST, { error: `Choose at most ${MAX_LIST}.` })
    .transform((ids) => [...new Set(ids)]);

const minorText = z
  .union([z.bigint(), z.int(), z.string().trim().regex(/^-?\d{1,18}$/, { error: 'Enter an amount in minor units (cents), like -1250.' })])
  .transform((value) => BigInt(value));

const isoDate = z.iso.date({ error: 'A date such as 2026-01-31.' });

export const dateRangeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('relative'),
      lastDays: z.coerce
        .number({ error: 'Enter a number of days.' })
        .int({ error: 'Enter a whole number of days.' })
        .min(1, { error: 'At least one day.' })
        .max(MAX_RELATIVE_DAYS, { error: `At most ${MAX_RELATIVE_DAYS} days.` }),
    }),
    z
      .strictObject({ kind: z.literal('absolute'), from: isoDate.optional(), to: isoDate.optional() })
      .refine((range) => !range.from || !range.to || range.from <= range.to, { error: 'The end date is before the start date.', path: ['to'] }),
  ],
  { error: 'Choose the last N days or a from/to range.' },
);

/**
 * A filter's regex runs in Postgres (`~*`, its ARE flavour), while people write — and
 * rule-schema checks — JavaScript's. They mostly agree; where they don't: `\b`/`\B` are word
 * boundaries in JavaScript but a backspace in Postgres (its boundary is `\y`/`\Y`), so they are
 * translated; named groups, `\k<…>`, `\p{…}` and `\u{…}` don't exist there, so they are refused
 * here instead of failing the query.
 */
export function postgresRegex(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length) {
      const next = source[i + 1]!;
      out += !inClass && next === 'b' ? '\\y' : !inClass && next === 'B' ? '\\Y' : c + next;
      i++;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}

/** Null when Postgres can run the (JavaScript-valid) pattern, else why not. */
export function postgresRegexProblem(source: string): string | null {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1];
      if (next === 'k' || ((next === 'p' || next === 'P' || next === 'u') && source[i + 2] === '{')) return `\\${next} is not supported in a filter's regex.`;
      i++;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    else if (!inClass && c === '(' && source[i + 1] === '?' && source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') {
      return 'Named groups are not supported in a filter’s regex: use a plain group (…).';
    }
  }
  return null;
}

export const filterTextSchema = z
  .strictObject({
    mode: z.enum(FILTER_TEXT_MODES, { error: 'Choose search, contains or regex.' }).default('search'),
    value: z
      .string()
      .trim()
      .min(1, { error: 'Enter the text to look for.' })
      .max(PATTERN_MAX, { error: `Keep the text to ${PATTERN_MAX} characters or fewer.` }),
  })
  .superRefine((text, ctx) => {
    if (text.mode !== 'regex') return;
    const problem = regexProblem(text.value) ?? postgresRegexProblem(text.value);
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem });
  });

export const moneyFilterSchema = z.strictObject({
  dateRange: dateRangeSchema.optional(),
  accounts: idList('accounts').optional(),
  excludeAccounts: idList('accounts').optional(),
  /** Occasion tags: a transaction with any of them. */
  tags: z.array(occasionTagSchema).max(MAX_LIST).optional(),
  /** Occasion tags: a transaction with none of them. */
  excludeTags: z.array(occasionTagSchema).max(MAX_LIST).optional(),
  /** Category ids; `none` is "uncategorised". */
  categories: z
    .array(z.union([z.literal('none'), z.uuid({ error: 'Choose categories from the list.' })]))
    .max(MAX_LIST)
    .optional(),
  buckets: z.array(bucketNameSchema).max(MAX_LIST).optional(),
  /** The merchant, or the payee where there is none, compared case-insensitively. */
  merchants: z.array(z.string().trim().min(1).max(PATTERN_MAX)).max(MAX_LIST).optional(),
  amountMin: minorText.optional(),
  amountMax: minorText.optional(),
  /** Compare |amount| (a spend of 50 and a refund of 50 alike) instead of the signed amount. */
  amountAbsolute: z.boolean().optional(),
  text: filterTextSchema.optional(),
  reconciliation: z.array(z.enum(MONEY_TRANSACTION_RECONCILIATION)).max(4).optional(),
  status: z.array(z.enum(MONEY_TRANSACTION_STATUSES)).max(2).optional(),
  transfers: z.enum(FILTER_TRANSFER_MODES, { error: 'Choose include, exclude or only transfers.' }).optional(),
}).refine((filter) => filter.amountMin === undefined || filter.amountMax === undefined || filter.amountMin <= filter.amountMax, {
  error: 'The largest amount must not be smaller than the smallest.',
  path: ['amountMax'],
});

export type MoneyFilterInput = z.input<typeof moneyFilterSchema>;
export type MoneyFilter = z.output<typeof moneyFilterSchema>;

/** A filter as JSON (saved filters' column, the API): bigints as strings. */
export function filterToJson(filter: MoneyFilter): Record<string, unknown> {
  return JSON.parse(JSON.stringify(filter, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
}

/** Whether the filter narrows anything (an empty one lists everything). */
export function isEmptyFilter(filter: MoneyFilter): boolean {
  return Object.values(filter).every((value) => value === undefined || (Array.isArray(value) && value.length === 0));
}
