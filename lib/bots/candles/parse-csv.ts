import { CsvError, parse } from 'csv-parse/sync';
import type { Candle } from '../engine/types';
import { CandleFileError, type CandleProblem } from './candle-file-error';
import { MAX_PROBLEMS, parseDecimal, type ParsedCandles } from './validate-candles';

// A CSV with a header naming timestamp, open, high, low, close and volume (any case, any order,
// other columns ignored). Rows are numbered as lines in the file: the header is usually row 1.

const COLUMNS = ['timestamp', 'open', 'high', 'low', 'close', 'volume'] as const;
type Column = (typeof COLUMNS)[number];

interface Line {
  record: string[];
  info: { lines: number };
}

export function parseCandleCsv(text: string): Candle[] {
  return readCandleCsv(text).candles;
}

export function readCandleCsv(text: string): ParsedCandles {
  const lines = readLines(text);
  const [header, ...body] = lines;
  if (!header) throw new CandleFileError([{ row: 0, message: 'the file is empty' }]);
  const names = header.record.map((name) => name.trim().toLowerCase());
  const index = Object.fromEntries(COLUMNS.map((column) => [column, names.indexOf(column)])) as Record<Column, number>;
  const missing = COLUMNS.filter((column) => index[column] < 0);
  if (missing.length > 0) throw new CandleFileError([{ row: firstRow(header), message: `the header lacks ${missing.join(', ')} (expected ${COLUMNS.join(',')})` }]);

  const problems: CandleProblem[] = [];
  const candles: Candle[] = [];
  const rows: number[] = [];
  for (const line of body) {
    const row = firstRow(line);
    const values: Partial<Record<Column, number>> = {};
    for (const column of COLUMNS) {
      const cell = line.record[index[column]];
      const value = cell === undefined || cell.trim() === '' ? undefined : column === 'timestamp' ? parseTimestamp(cell) : parseDecimal(cell);
      if (value === undefined) problems.push({ row, message: `${column} is missing` });
      else if (value === null) problems.push({ row, message: `${column} "${cell}" is not ${column === 'timestamp' ? 'ms, seconds or ISO-8601' : 'a number'}` });
      else values[column] = value;
    }
    if (Object.keys(values).length === COLUMNS.length) {
      candles.push({ time: values.timestamp!, open: values.open!, high: values.high!, low: values.low!, close: values.close!, volume: values.volume! });
      rows.push(row);
    }
    if (problems.length >= MAX_PROBLEMS) break;
  }
  if (problems.length > 0) throw new CandleFileError(problems.slice(0, MAX_PROBLEMS));
  return { candles, rows };
}

function readLines(text: string): Line[] {
  try {
    // With `info`, csv-parse returns { record, info } objects although its types say string[][].
    return parse(text, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as Line[];
  } catch (error) {
    if (error instanceof CsvError) throw new CandleFileError([{ row: typeof error.lines === 'number' ? error.lines : 0, message: error.message }]);
    throw error;
  }
}

/** csv-parse counts the line a record ends on; a quoted field can span lines. */
function firstRow(line: Line): number {
  return line.info.lines - line.record.reduce((sum, field) => sum + (field.match(/\n/g)?.length ?? 0), 0);
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/** ms since the epoch, or null; whole numbers of up to 10 digits are seconds. */
export function parseTimestamp(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return trimmed.length <= 10 ? Number(trimmed) * 1000 : Number(trimmed);
  const m = ISO.exec(trimmed);
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part)));
  const ms = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const time = Date.UTC(year!, month! - 1, day!, hour, minute, second, ms);
  const date = new Date(time);
  // Date.UTC rolls 2024-02-30 over into March; a real date survives the round trip.
  if (date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day || date.getUTCHours() !== hour || date.getUTCMinutes() !== minute || date.getUTCSeconds() !== second) return null;
  // No zone means UTC, as exchanges export it; the server's own zone must not shift candles.
  return time - offsetMinutes(m[8]) * 60_000;
}

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  return zone.startsWith('-') ? -minutes : minutes;
}
