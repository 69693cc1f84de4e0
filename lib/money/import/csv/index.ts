import type { CurrencyCode } from '@/lib/currency';
import { ImportFileError, type ParseResult } from '../statement';
import { decodeBankFile } from './decode';
import type { Mapping } from './mapping';
import { parseCsv } from './parse-csv';
import { detectPreset } from './presets';

// A bank CSV's bytes → statement rows: decode, then the mapping given (a saved one, found by its
// header signature, or the wizard's) or the preset the file matches. Neither: the wizard takes
// over with suggestMapping.

export { decodeBankFile } from './decode';
export { type DateFormat, DATE_FORMATS, detectDateFormat, parseDate } from './dates';
export { type ColumnRef, type Mapping, type MappingInput, headerSignature, mappingSchema } from './mapping';
export { type NumberFormat, detectNumberFormat, parseAmountText } from './numbers';
export { parseCsv } from './parse-csv';
export { PRESETS, detectPreset, presetMapping } from './presets';
export { sniff, sniffDelimiter } from './sniff';
export { type MappingDraft, type MappingQuestion, type MappingSuggestion, completeMapping, suggestMapping } from './suggest';

export function parseCsvFile(bytes: Uint8Array, options: { mapping?: Mapping; currency?: CurrencyCode } = {}): ParseResult & { encoding: string } {
  const { text, encoding } = decodeBankFile(bytes, options.mapping?.encoding);
  const mapping = options.mapping ?? detectPreset(text)?.mapping;
  if (!mapping) {
    throw new ImportFileError('This CSV is not a layout we know: it needs a mapping (say once which column is what, and it is kept for the next import).', 'unrecognised');
  }
  const currency = options.currency;
  const withCurrency = currency && !options.mapping ? { ...mapping, currency } : mapping;
  return { ...parseCsv(text, withCurrency, { currency }), encoding };
}
