import type { CurrencyCode } from '@/lib/currency';
import { decodeBankFile, parseCsvFile, type Mapping } from './csv';
import { parseCamt053 } from './formats/camt053';
import { parseMt940 } from './formats/mt940';
import { parseOfx } from './formats/ofx';
import { parseQif } from './formats/qif';
import { sniffStructuredFormat } from './formats/sniff';
import type { ParseResult } from './statement';

// Any bank file's bytes → statements: a structured format when its first bytes say so (OFX/QFX,
// QIF, CAMT.053, MT940), else CSV (a preset, or the mapping given). Whole-file refusals are
// ImportFileError; unreadable rows are the result's problems.

export type ReadOptions = {
  /** For CSV: a saved or wizard mapping (else a preset must match). */
  mapping?: Mapping;
  /** The account's currency, for formats that carry none (QIF, CSV without a currency column). */
  currency: CurrencyCode;
  /** QIF's day/month order when the file's dates allow both. */
  qifDateOrder?: 'mdy' | 'dmy';
};

export function readBankFile(bytes: Uint8Array, options: ReadOptions): ParseResult {
  const { text } = decodeBankFile(bytes, options.mapping?.encoding);
  switch (sniffStructuredFormat(text)) {
    case 'ofx':
      return parseOfx(text, { defaultCurrency: options.currency });
    case 'qfx':
      return parseOfx(text, { defaultCurrency: options.currency, format: 'qfx' });
    case 'qif':
      return parseQif(text, { currency: options.currency, dateOrder: options.qifDateOrder ?? 'mdy' });
    case 'camt053':
      return parseCamt053(text);
    case 'mt940':
      return parseMt940(text);
    case null:
      return parseCsvFile(bytes, { mapping: options.mapping, currency: options.currency });
  }
}
