import { type CurrencyCode, parseMoney } from '@/lib/currency';
import { ImportFileError, type ParsedRow, type ParsedStatement, type ParseResult, type RowProblem } from '../statement';

// QIF (Quicken Interchange Format): one field a line, a letter then the value, `^` ends a record.
// Hand-written: it is a simple line loop, no QIF library is a dependency, and rows keep their lines.

export type QifOptions = { currency?: CurrencyCode; dateOrder?: 'mdy' | 'dmy' };

type Field = { code: string; value: string; line: number };

const TRANSACTION_TYPES: Record<string, ParsedStatement['accountType']> = {
  bank: null, // Quicken's "Bank" covers checking and savings alike
  ccard: 'credit_card',
  cash: 'cash',
  'oth a': null,
  'oth l': 'loan',
};

export function parseQif(text: string, options: QifOptions = {}): ParseResult {
  const currency = options.currency ?? 'USD';
  const dateOrder = options.dateOrder ?? 'mdy';
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  if (first < 0) throw new ImportFileError('The file is empty.', 'empty');
  if (!/^!(Type:|Account|Option:|Clear:)/i.test(lines[first]!.trim())) throw new ImportFileError('This is not a QIF file (it should start with a line like !Type:Bank).', 'unrecognised');

  const statements: ParsedStatement[] = [];
  const problems: RowProblem[] = [];
  const notes: string[] = [];
  let account: { name: string | null; type: ParsedStatement['accountType'] } = { name: null, type: null };
  let section: 'account' | 'transactions' | 'skip' = 'skip';
  let current: ParsedStatement | null = null;
  let fields: Field[] = [];

  const endRecord = () => {
    if (fields.length === 0) return;
    if (section === 'account') {
      const type = fields.find((f) => f.code === 'T')?.value.toLowerCase();
      account = { name: fields.find((f) => f.code === 'N')?.value ?? null, type: type ? (TRANSACTION_TYPES[type] ?? null) : null };
    } else if (section === 'transactions' && current) {
      const row = readRecord(fields, currency, dateOrder, lines, problems);
      if (row) current.rows.push(row);
    }
    fields = [];
  };

  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('!')) {
      endRecord();
      const header = line.slice(1).toLowerCase();
      if (header === 'account') section = 'account';
      else if (header.startsWith('type:') && header.slice(5).trim() in TRANSACTION_TYPES) {
        section = 'transactions';
        const type = TRANSACTION_TYPES[header.slice(5).trim()] ?? null;
        const statement: ParsedStatement = { accountId: account.name, accountName: account.name, accountType: account.type ?? type, currency, openingBalance: null, closingBalance: null, rows: [] };
        statements.push((current = statement));
      } else if (header.startsWith('type:')) {
        section = 'skip';
        notes.push(`The "${line}" section (line ${index + 1}) is not bank transactions and was skipped.`);
      }
      // !Option:AutoSwitch / !Clear:AutoSwitch only bracket the account list.
      return;
    }
    if (line.startsWith('^')) return endRecord();
    fields.push({ code: line[0]!.toUpperCase(), value: line.slice(1).trim(), line: index + 1 });
  });
  endRecord(); // a last record without its `^`

  // An !Account list names accounts that may have no transactions here.
  const withRows = statements.filter((s) => s.rows.length > 0);
  return { format: 'qif', preset: null, statements: withRows.length > 0 ? withRows : statements.slice(0, 1), problems, notes };
}

function readRecord(fields: Field[], currency: CurrencyCode, dateOrder: 'mdy' | 'dmy', lines: string[], problems: RowProblem[]): ParsedRow | null {
  // Split lines (S/E/$) repeat per category; only the first of each header field counts.
  const get = (code: string) => fields.find((f) => f.code === code);
  const fail = (field: Field, message: string) => {
    problems.push({ line: field.line, message, raw: (lines[field.line - 1] ?? '').slice(0, 200) });
    return null;
  };
  const start = fields[0]!; // endRecord only calls with fields
  const dateField = get('D');
  if (!dateField) return fail(start, 'The transaction has no date (D line).');
  const bookedOn = qifDate(dateField.value, dateOrder);
  if (!bookedOn) return fail(dateField, `The date "${dateField.value}" is not a real date.`);
  const amountField = get('T') ?? get('U');
  if (!amountField) return fail(start, 'The transaction has no amount (T line).');
  const amountMinor = qifAmount(amountField.value, currency);
  if (amountMinor === null) return fail(amountField, `The amount "${amountField.value}" is not a ${currency} amount.`);
  const memo = get('M')?.value || null;
  return {
    line: start.line,
    bookedOn,
    valueOn: null,
    amountMinor,
    currency,
    payee: get('P')?.value || memo || '',
    merchant: null,
    memo,
    reference: get('N')?.value || null,
    status: 'cleared', // QIF has no pending: C is only blank, * (cleared) or X (reconciled)
    category: get('L')?.value || null,
    runningBalanceMinor: null,
  };
}

/**
 * The dates Quicken writes: `12/15'2024`, `1/5'05` (an apostrophe means 20xx), `12/15/24`,
 * `12/15/2024` (or `15/12/2024` with dmy), `2024-12-15`; Quicken pads with spaces (` 1/ 5'05`).
 */
export function qifDate(value: string, order: 'mdy' | 'dmy'): string | null {
  const text = value.replace(/\s+/g, '');
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const local = /^(\d{1,2})[/.-](\d{1,2})(['/.-])(\d{2}|\d{4})$/.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (local) {
    const [a, b] = [Number(local[1]), Number(local[2])];
    [m, d] = order === 'mdy' ? [a, b] : [b, a];
    const year = local[4] ?? '';
    y = Number(year);
    // Two-digit years: after an apostrophe Quicken means 20xx; after a slash, 70–99 are 19xx.
    if (year.length === 2) y += local[3] === "'" || y < 70 ? 2000 : 1900;
  } else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `-1,234.56` → minor units: thousands commas and a currency symbol are dropped. */
function qifAmount(value: string, currency: CurrencyCode): bigint | null {
  const text = value.replace(/[\s,$]/g, '');
  try {
    return parseMoney(text, currency);
  } catch {
    return null;
  }
}
