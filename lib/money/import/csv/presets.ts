import { type Mapping, type MappingInput, mappingSchema } from './mapping';
import { parseAmountText } from './numbers';
import { readDate } from './dates';
import { type CsvRecord, normaliseText, readRecords } from './records';

// Known bank exports as mappings. Each preset's quirks (Amex's inverted signs and AUTOPAY rows,
// BofA's summary lines, Venmo's statuses …) are mapping options, so parse-csv has no bank code.
// Detection follows the original app: look for each layout's tell-tale headers in the first lines.

type Preset = {
  id: string;
  name: string;
  mapping: Mapping;
  /** Header cells that must all be present (trimmed, case-insensitive); null for a headerless layout. */
  headers: string[] | null;
  confidence: number;
};

const US = { currency: 'USD', numberFormat: { decimal: '.', thousands: ',' }, dateFormat: 'MM/DD/YYYY', delimiter: ',' } as const;

function preset(id: string, name: string, headers: string[] | null, confidence: number, mapping: Omit<MappingInput, 'id' | 'name'>): Preset {
  return { id, name, headers, confidence, mapping: mappingSchema.parse({ ...mapping, id, name }) };
}

export const PRESETS: readonly Preset[] = [
  preset('amex', 'American Express', ['Date', 'Description', 'Card Member', 'Account #', 'Amount'], 0.95, {
    ...US,
    headerRow: 0,
    columns: { date: 'Date', payee: 'Description', memo: 'Extended Details', reference: 'Reference', category: 'Category' },
    amount: { kind: 'single', column: 'Amount' },
    // Amex prints charges positive: money out must be negative here.
    sign: 'invert',
    skipPayeePatterns: ['AUTOPAY PAYMENT', 'THANK YOU'],
    merchant: { kind: 'split', separator: '  ' },
    accountType: 'credit_card',
  }),
  preset('bofa_checking', 'Bank of America checking', ['Date', 'Description', 'Amount', 'Running Bal.'], 0.95, {
    ...US,
    headerRow: 0,
    columns: { date: 'Date', payee: 'Description', runningBalance: 'Running Bal.' },
    amount: { kind: 'single', column: 'Amount' },
    // The first row after the header is the beginning balance, with a balance but no amount.
    skipIncompleteRows: true,
    balances: { opening: '^Beginning balance as of (.+)$', closing: '^Ending balance as of (.+)$' },
    accountType: 'checking',
  }),
  preset('bofa_credit_card', 'Bank of America credit card', ['Posted Date', 'Reference Number', 'Payee', 'Amount'], 0.95, {
    ...US,
    headerRow: 0,
    columns: { date: 'Posted Date', payee: 'Payee', reference: 'Reference Number' },
    amount: { kind: 'single', column: 'Amount' },
    merchant: { kind: 'split', separator: ',' },
    accountType: 'credit_card',
  }),
  preset('chase_checking', 'Chase checking', ['Details', 'Posting Date', 'Description', 'Amount', 'Type', 'Balance', 'Check or Slip #'], 0.95, {
    ...US,
    headerRow: 0,
    columns: { date: 'Posting Date', payee: 'Description', runningBalance: 'Balance', reference: 'Check or Slip #' },
    amount: { kind: 'single', column: 'Amount' },
    accountType: 'checking',
  }),
  preset('chase_credit_card', 'Chase credit card', ['Transaction Date', 'Post Date', 'Description', 'Category', 'Type', 'Amount', 'Memo'], 0.95, {
    ...US,
    headerRow: 0,
    columns: { date: 'Post Date', valueDate: 'Transaction Date', payee: 'Description', category: 'Category', memo: 'Memo' },
    amount: { kind: 'single', column: 'Amount' },
    accountType: 'credit_card',
  }),
  preset('capital_one', 'Capital One', ['Transaction Date', 'Posted Date', 'Card No.', 'Description', 'Category', 'Debit', 'Credit'], 0.95, {
    ...US,
    dateFormat: 'YYYY-MM-DD',
    headerRow: 0,
    columns: { date: 'Posted Date', valueDate: 'Transaction Date', payee: 'Description', category: 'Category' },
    amount: { kind: 'debit_credit', debit: 'Debit', credit: 'Credit' },
    accountType: 'credit_card',
  }),
  preset('venmo', 'Venmo', ['ID', 'Datetime', 'Type', 'Status', 'Note', 'From', 'To', 'Amount (total)'], 0.9, {
    ...US,
    dateFormat: 'YYYY-MM-DD',
    headerRow: 0,
    columns: { date: 'Datetime', payee: 'Note', reference: 'ID' },
    amount: { kind: 'single', column: 'Amount (total)' },
    onlyStatus: { column: 'Status', values: ['Complete'] },
    skipIncompleteRows: true,
    merchant: { kind: 'counterparty', income: 'From', expense: 'To' },
  }),
  preset('inspira_hsa', 'Inspira HSA', ['Transaction ID', 'Transaction Type', 'Expense Category', 'Amount'], 0.95, {
    ...US,
    headerRow: 0,
    columns: {
      date: 'Posted Date',
      fallbackDate: 'Origination Date',
      payee: 'Description',
      fallbackPayee: 'Transaction Type',
      reference: 'Transaction ID',
      category: 'Expense Category',
    },
    amount: { kind: 'single', column: 'Amount' },
    skipIncompleteRows: true,
    merchant: { kind: 'first_words', count: 1 },
  }),
  // Wells Fargo: no header; date, amount, "*", check number, description.
  preset('wells_fargo', 'Wells Fargo', null, 0.8, {
    ...US,
    headerRow: null,
    columns: { date: 0, payee: 4, reference: 3 },
    amount: { kind: 'single', column: 1 },
  }),
];

export type DetectedPreset = { id: string; name: string; confidence: number; mapping: Mapping };

const SEARCH_RECORDS = 10;

function firstRecords(text: string, delimiter: Mapping['delimiter']): CsvRecord[] {
  return readRecords(normaliseText(text), delimiter, { toLine: 40 }).records.slice(0, SEARCH_RECORDS);
}

function looksLikeWellsFargo(records: CsvRecord[]): boolean {
  const rows = records.slice(0, 5);
  return (
    rows.length > 0 &&
    rows.every(
      (r) =>
        r.cells.length === 5 &&
        readDate(r.cells[0]!, 'MM/DD/YYYY').ok &&
        parseAmountText(r.cells[1]!, US.numberFormat) !== null &&
        r.cells[2]!.trim() === '*',
    )
  );
}

/**
 * The most confident preset for a file (its text, or just the first lines), with the header row
 * located in it; null when none fits.
 */
export function detectPreset(headersAndFirstLines: string): DetectedPreset | null {
  const byDelimiter = new Map<string, CsvRecord[]>();
  let best: DetectedPreset | null = null;
  for (const candidate of PRESETS) {
    const delimiter = candidate.mapping.delimiter;
    const records = byDelimiter.get(delimiter) ?? firstRecords(headersAndFirstLines, delimiter);
    byDelimiter.set(delimiter, records);
    let headerRow: number | null = null;
    if (candidate.headers) {
      const wanted = candidate.headers.map((h) => h.toLowerCase());
      const found = records.findIndex((r) => {
        const cells = new Set(r.cells.map((c) => c.trim().toLowerCase()));
        return wanted.every((h) => cells.has(h));
      });
      if (found < 0) continue;
      headerRow = found;
    } else if (!looksLikeWellsFargo(records)) continue;
    if (!best || candidate.confidence > best.confidence) {
      best = { id: candidate.id, name: candidate.name, confidence: candidate.confidence, mapping: { ...candidate.mapping, headerRow } };
    }
  }
  return best;
}

export function presetMapping(id: string): Mapping | null {
  return PRESETS.find((p) => p.id === id)?.mapping ?? null;
}
