import { createHash } from 'node:crypto';
import { z } from 'zod';
import { currencyCodeSchema } from '@/lib/currency';
import { DATE_FORMATS } from './dates';
import { DECIMAL_SEPARATORS, THOUSANDS_SEPARATORS } from './numbers';
import { DELIMITERS } from './records';

// A saved import format: how to read one bank's CSV, reusable across a workspace and found again
// by the header signature. Presets (presets.ts) are mappings too; bank quirks are options here,
// never special cases in the parser.

export const CSV_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'windows-1250', 'iso-8859-1', 'iso-8859-2'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** A header name (matched trimmed, case-insensitively) or a 0-based column index. */
export const columnRefSchema = z.union([z.string().trim().min(1).max(200), z.number().int().min(0).max(500)]);
export type ColumnRef = z.infer<typeof columnRefSchema>;

function isRegex(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}
const regexSchema = z.string().min(1).max(300).refine(isRegex, 'That is not a valid regular expression.');

const optionalColumn = columnRefSchema.nullable().default(null);

export const amountSpecSchema = z.discriminatedUnion('kind', [
  /** One signed column. */
  z.object({ kind: z.literal('single'), column: columnRefSchema }),
  /** Money out and money in in two columns (either may be blank; signs in them are ignored). */
  z.object({ kind: z.literal('debit_credit'), debit: columnRefSchema, credit: columnRefSchema }),
  /** An unsigned amount and a column saying which way it went ("DR"/"CR", "S"/"H" …). */
  z.object({
    kind: z.literal('indicator'),
    column: columnRefSchema,
    indicator: columnRefSchema,
    debitValues: z.array(z.string().trim().min(1)).min(1),
    creditValues: z.array(z.string().trim().min(1)).min(1),
  }),
]);
export type AmountSpec = z.infer<typeof amountSpecSchema>;

export const MERCHANT_MAX = 50;

export const merchantSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('column'), column: columnRefSchema }),
  /** A capture group of a regex run on the payee (no match: no merchant). */
  z.object({ kind: z.literal('regex'), pattern: regexSchema, group: z.number().int().min(0).max(9).default(1) }),
  z.object({ kind: z.literal('first_words'), count: z.number().int().min(1).max(10) }),
  /** The payee up to the first occurrence of `separator` (Amex: two spaces; BofA card: a comma). */
  z.object({ kind: z.literal('split'), separator: z.string().min(1).max(10) }),
  /** Venmo: who paid for money in, who was paid for money out. */
  z.object({ kind: z.literal('counterparty'), income: columnRefSchema, expense: columnRefSchema }),
]);
export type MerchantSpec = z.infer<typeof merchantSpecSchema>;

export const numberFormatSchema = z
  .object({ decimal: z.enum(DECIMAL_SEPARATORS as [string, ...string[]]), thousands: z.enum(THOUSANDS_SEPARATORS as [string, ...string[]]) })
  .refine((f) => f.decimal !== f.thousands, 'The decimal and thousands separators must differ.')
  .transform((f) => f as { decimal: (typeof DECIMAL_SEPARATORS)[number]; thousands: (typeof THOUSANDS_SEPARATORS)[number] });

export const mappingSchema = z.object({
  version: z.literal(1).default(1),
  /** A preset's id ('amex', …); it becomes the result's `preset`. Saved and wizard mappings leave it out. */
  id: z.string().min(1).max(64).optional(),
  name: z.string().max(100).optional(),
  delimiter: z.enum(DELIMITERS as [string, ...string[]]).transform((d) => d as (typeof DELIMITERS)[number]),
  /** Null: detect (BOM, UTF-8, else chardet). */
  encoding: z.enum(CSV_ENCODINGS).nullable().default(null),
  /** Index of the header among the file's non-blank records (0 = first); null when there is none. */
  headerRow: z.number().int().min(0).max(100).nullable(),
  skipFooterRows: z.number().int().min(0).max(100).default(0),
  /** Records whose raw text matches one of these (case-insensitive) are skipped. */
  skipPatterns: z.array(regexSchema).max(20).default([]),
  /** Rows whose payee matches one of these (case-insensitive) are skipped and counted in a note (Amex AUTOPAY). */
  skipPayeePatterns: z.array(regexSchema).max(20).default([]),
  /** Rows with no date or no amount are not transactions (balance lines): skip them quietly instead of reporting them. */
  skipIncompleteRows: z.boolean().default(false),
  /** Keep only rows whose cell in `column` is one of `values` (case-insensitive): Venmo's "Complete". */
  onlyStatus: z.object({ column: columnRefSchema, values: z.array(z.string().trim().min(1)).min(1) }).nullable().default(null),
  columns: z.object({
    date: columnRefSchema,
    /** Used when the date cell is blank (Inspira: Posted Date, else Origination Date). */
    fallbackDate: optionalColumn,
    valueDate: optionalColumn,
    payee: optionalColumn,
    /** Used when the payee cell is blank. */
    fallbackPayee: optionalColumn,
    memo: optionalColumn,
    reference: optionalColumn,
    category: optionalColumn,
    runningBalance: optionalColumn,
    currency: optionalColumn,
  }),
  amount: amountSpecSchema,
  /** The statement's currency; rows take the currency column's value where there is one. */
  currency: currencyCodeSchema.nullable().default(null),
  dateFormat: z.enum(DATE_FORMATS),
  numberFormat: numberFormatSchema,
  sign: z.enum(['as_is', 'invert']).default('as_is'),
  merchant: merchantSpecSchema.default({ kind: 'none' }),
  /** Balances printed before the header (BofA summary): regexes on a record's first cell, group 1 the date. */
  balances: z.object({ opening: regexSchema.nullable().default(null), closing: regexSchema.nullable().default(null) }).nullable().default(null),
  accountType: z.enum(['checking', 'savings', 'credit_card', 'cash', 'loan', 'investment']).nullable().default(null),
});

export type Mapping = z.output<typeof mappingSchema>;
export type MappingInput = z.input<typeof mappingSchema>;

/** Recognises a saved mapping: sha256 hex of the sorted, trimmed, lower-cased headers joined by "\n". */
export function headerSignature(headers: readonly string[]): string {
  const normalised = headers.map((h) => h.trim().toLowerCase()).sort();
  return createHash('sha256').update(normalised.join('\n'), 'utf8').digest('hex');
}
