import { DATE_FORMATS, readDate } from './dates';
import { NUMBER_FORMATS, parseAmountText } from './numbers';
import { type CsvRecord, DELIMITERS, type Delimiter, readRecords } from './records';

// The layout of a CSV nobody described: which delimiter, which row is the header, what comes
// before it (BofA checking's summary lines).

const SAMPLE_LINES = 60;
const HEADER_SEARCH = 10;

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [value, count] of counts) if (count > bestCount || (count === bestCount && value > best)) [best, bestCount] = [value, count];
  return best;
}

/**
 * The delimiter whose field counts are the most consistent over the first lines (share of records
 * with the commonest count, which must be above 1), ties to the one giving more fields.
 */
export function sniffDelimiter(text: string): { delimiter: Delimiter; consistency: number } {
  let best: { delimiter: Delimiter; consistency: number; fields: number } = { delimiter: ',', consistency: 0, fields: 1 };
  for (const delimiter of DELIMITERS) {
    const { records } = readRecords(text, delimiter, { toLine: SAMPLE_LINES });
    if (records.length === 0) continue;
    const counts = records.map((r) => r.cells.length);
    const fields = mode(counts);
    if (fields < 2) continue;
    const consistency = counts.filter((c) => c === fields).length / counts.length;
    if (consistency > best.consistency || (consistency === best.consistency && fields > best.fields)) best = { delimiter, consistency, fields };
  }
  return { delimiter: best.delimiter, consistency: best.consistency };
}

export function looksLikeDate(cell: string): boolean {
  const value = cell.trim();
  return value !== '' && DATE_FORMATS.some((format) => readDate(value, format).ok);
}

export function looksLikeAmount(cell: string): boolean {
  const value = cell.trim();
  return value !== '' && NUMBER_FORMATS.some((format) => parseAmountText(value, format) !== null);
}

const HEADER_WORDS = /\b(date|datum|amount|betrag|montant|description|payee|name|memo|balance|saldo|solde|debit|credit|d[ée]bit|cr[ée]dit|reference|category|type|status|currency|w[äa]hrung|buchungstag|wertstellung|valeur|id|note|from|to)\b/i;

/** How header-like a row is: text cells (header words count double), minus the fields it lacks. */
function headerScore(cells: string[], fields: number): number {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.some((c) => looksLikeDate(c) || looksLikeAmount(c))) return -1;
  const text = filled.filter((c) => /\p{L}/u.test(c));
  if (text.length < 2) return -1;
  const words = text.filter((c) => HEADER_WORDS.test(c)).length;
  const distinct = new Set(text.map((c) => c.toLowerCase())).size;
  return distinct + words - Math.abs(cells.length - fields);
}

export type Sniffed = {
  delimiter: Delimiter;
  /** Index in `records` of the header, or null when the file starts with data. */
  headerRow: number | null;
  headers: string[] | null;
  /** Records before the header (summary lines). */
  preamble: CsvRecord[];
  records: CsvRecord[];
};

/**
 * The header is the best-scoring of the first 10 records (ties to the earliest), among those
 * without a date or amount in them; none qualifying means the file has no header.
 */
export function detectHeaderRow(records: readonly CsvRecord[]): number | null {
  const fields = mode(records.slice(0, SAMPLE_LINES).map((r) => r.cells.length));
  let best: { index: number; score: number } | null = null;
  records.slice(0, HEADER_SEARCH).forEach((record, index) => {
    const score = headerScore(record.cells, fields);
    if (score > 0 && (!best || score > best.score)) best = { index, score };
  });
  return (best as { index: number } | null)?.index ?? null;
}

export function sniff(text: string, delimiter?: Delimiter): Sniffed {
  const chosen = delimiter ?? sniffDelimiter(text).delimiter;
  const { records } = readRecords(text, chosen, { toLine: SAMPLE_LINES * 4 });
  const headerRow = detectHeaderRow(records);
  return {
    delimiter: chosen,
    headerRow,
    headers: headerRow === null ? null : records[headerRow]!.cells.map((c) => c.trim()),
    preamble: headerRow === null ? [] : records.slice(0, headerRow),
    records,
  };
}
