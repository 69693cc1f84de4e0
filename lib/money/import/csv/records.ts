import { CsvError, parse } from 'csv-parse/sync';

// csv-parse over the decoded text, keeping for each record the 1-based line it starts on and its
// raw text. Blank records (empty or whitespace-only lines) are dropped; line numbers still count them.

export type Delimiter = ',' | ';' | '\t' | '|';
export const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];

export type CsvRecord = { cells: string[]; line: number; raw: string };
export type RecordError = { line: number; message: string; raw: string };

type Parsed = { record: string[]; raw: string; info: { lines: number } };

/** CRLF and lone CR become LF (line numbers are unchanged), and a leading BOM goes. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function readRecords(text: string, delimiter: Delimiter, options: { toLine?: number } = {}): { records: CsvRecord[]; errors: RecordError[] } {
  const errors: RecordError[] = [];
  let parsed: Parsed[];
  try {
    parsed = parse(text, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined, raw?: string) => {
        if (error) errors.push({ line: typeof error.lines === 'number' ? error.lines : 0, message: error.message, raw: raw ?? '' });
      },
      ...(options.toLine ? { to_line: options.toLine } : {}),
    }) as unknown as Parsed[];
  } catch (error) {
    // An unterminated quote at the very end: everything before it is still readable by the caller.
    if (error instanceof CsvError) {
      errors.push({ line: typeof error.lines === 'number' ? error.lines : 0, message: error.message, raw: '' });
      return { records: [], errors };
    }
    throw error;
  }
  const records: CsvRecord[] = [];
  for (const { record, raw, info } of parsed) {
    if (record.every((cell) => cell.trim() === '')) continue;
    // `info.lines` is the line the record ends on; `raw` carries the blank lines skipped before it.
    const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
    const inner = body.match(/\n/g)?.length ?? 0;
    records.push({ cells: record, line: info.lines - inner, raw: body });
  }
  return { records, errors };
}
