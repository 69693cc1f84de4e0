import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBankFile, parseCsv, suggestMapping } from '@/lib/money/import/csv';
import type { DateFormat } from '@/lib/money/import/csv/dates';
import { completeMapping } from '@/lib/money/import/csv/suggest';

// Random transactions written as a bank might (delimiter, encoding, number and date format), then
// decoded, mapped by suggestMapping (answering its questions as the person would: they know
// their bank's date order and that spending is already negative) and parsed: the rows must come
// back exactly, line numbers included.

const DATE_LAYOUTS: DateFormat[] = ['YYYY-MM-DD', 'YYYY/MM/DD', 'YYYYMMDD', 'DD.MM.YYYY', 'DD.MM.YY', 'MM/DD/YYYY', 'DD/MM/YYYY', 'M/D/YY', 'D/M/YY', 'DD-MM-YYYY', 'MM-DD-YYYY'];
const NUMBER_LAYOUTS = [
  { decimal: '.', thousands: '' },
  { decimal: ',', thousands: '.' },
  { decimal: '.', thousands: ',' },
  { decimal: '.', thousands: "'" },
] as const;
const DELIMITERS = [',', ';', '\t'] as const;
const ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le-bom', 'windows-1252'] as const;

function writeDate(iso: string, format: DateFormat): string {
  const [y, m, d] = iso.split('-') as [string, string, string];
  const yy = y.slice(2);
  const layouts: Record<DateFormat, string> = {
    'YYYY-MM-DD': `${y}-${m}-${d}`,
    'YYYY/MM/DD': `${y}/${m}/${d}`,
    YYYYMMDD: `${y}${m}${d}`,
    'DD.MM.YYYY': `${d}.${m}.${y}`,
    'DD.MM.YY': `${d}.${m}.${yy}`,
    'MM/DD/YYYY': `${m}/${d}/${y}`,
    'DD/MM/YYYY': `${d}/${m}/${y}`,
    'M/D/YY': `${Number(m)}/${Number(d)}/${yy}`,
    'D/M/YY': `${Number(d)}/${Number(m)}/${yy}`,
    'DD-MM-YYYY': `${d}-${m}-${y}`,
    'MM-DD-YYYY': `${m}-${d}-${y}`,
  };
  return layouts[format];
}

function writeAmount(minor: bigint, format: (typeof NUMBER_LAYOUTS)[number]): string {
  const sign = minor < 0n ? '-' : '';
  const digits = (minor < 0n ? -minor : minor).toString().padStart(3, '0');
  const whole = digits.slice(0, -2).replace(/\B(?=(\d{3})+$)/g, format.thousands);
  return `${sign}${whole}${format.decimal}${digits.slice(-2)}`;
}

function writeCsv(rows: string[][], delimiter: string): string {
  const quote = (cell: string) => (/["\n\r]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell);
  return rows.map((row) => row.map(quote).join(delimiter)).join('\r\n') + '\r\n';
}

function encode(text: string, encoding: (typeof ENCODINGS)[number]): { bytes: Uint8Array; encoding: string } {
  if (encoding === 'utf-8-bom') return { bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]), encoding: 'utf-8' };
  if (encoding === 'utf-16le-bom') return { bytes: new Uint8Array(iconv.encode(text, 'utf-16le', { addBOM: true })), encoding: 'utf-16le' };
  if (encoding === 'windows-1252') {
    const bytes = new Uint8Array(iconv.encode(text, 'win1252'));
    // Only when representable, and when the bytes are not also valid UTF-8 (then UTF-8 is the right reading).
    let validUtf8 = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      validUtf8 = false;
    }
    if (iconv.decode(Buffer.from(bytes), 'win1252') === text && !validUtf8) return { bytes, encoding: 'windows-1252' };
  }
  return { bytes: new TextEncoder().encode(text), encoding: 'utf-8' };
}

// Payees start with a lower-case letter (so no column of them reads as numbers or dates) and
// carry quotes, delimiters, newlines, tabs and non-ASCII. The accented letters are ones that
// windows-1252, windows-1250 and ISO-8859-1/-2 all encode alike: from random text no detector
// can tell those code pages apart, and the test is about the round trip, not that guess.
const payee = fc
  .tuple(
    fc.constantFrom('x', 'ü', 'é', 'ß', 'q', 'ç'),
    fc.array(fc.constantFrom('a', 'Z', ' ', ',', ';', '"', '\n', '\t', 'ä', 'Ö', '€', 'É', '1', '.', '-', "'", '|', 'Ł', '日', '😀'), { maxLength: 16 }),
  )
  .map(([first, rest]) => (first + rest.join('')).trim());

const transaction = fc.record({
  date: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2069, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10)),
  amount: fc.bigInt({ min: -(10n ** 11n), max: 10n ** 11n }),
  payee,
});

describe('CSV round trip', () => {
  it('gives back exactly the rows written, whatever the layout', () => {
    fc.assert(
      fc.property(
        fc.array(transaction, { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom(...ENCODINGS),
        fc.constantFrom(...NUMBER_LAYOUTS),
        fc.constantFrom(...DATE_LAYOUTS),
        (transactions, delimiter, wanted, numberFormat, dateFormat) => {
          const table = [['Date', 'Payee', 'Amount'], ...transactions.map((t) => [writeDate(t.date, dateFormat), t.payee, writeAmount(t.amount, numberFormat)])];
          const written = writeCsv(table, delimiter);
          const { bytes, encoding } = encode(written, wanted);

          const decoded = decodeBankFile(bytes);
          expect(decoded.text).toBe(written);
          // The 8-bit code pages agree on every character the payees use (see above): any of them is a right reading.
          if (encoding === 'windows-1252') expect(['windows-1252', 'windows-1250', 'iso-8859-1', 'iso-8859-2']).toContain(decoded.encoding);
          else expect(decoded.encoding).toBe(encoding);
          const suggestion = suggestMapping(decoded.text, { currency: 'EUR' });
          const blocking = suggestion.questions.filter((q) => q.blocking);
          // The only question the person may be asked here: the day/month order, when no day is above 12.
          expect(blocking.map((q) => q.kind)).toEqual(blocking.length === 0 ? [] : ['date_format']);
          const dateQuestion = blocking[0];
          if (dateQuestion?.kind === 'date_format') expect(dateQuestion.options).toContain(dateFormat);
          const mapping = completeMapping(suggestion.draft, { dateFormat: dateQuestion ? dateFormat : suggestion.draft.dateFormat!, sign: 'as_is' });
          expect(mapping.delimiter).toBe(delimiter);
          expect(mapping.dateFormat === dateFormat || !['MM/DD/YYYY', 'DD/MM/YYYY', 'M/D/YY', 'D/M/YY', 'DD-MM-YYYY', 'MM-DD-YYYY'].includes(dateFormat)).toBe(true);

          const result = parseCsv(decoded.text, mapping);
          expect(result.problems).toEqual([]);
          let line = 2;
          const expected = transactions.map((t) => {
            const row = { line, bookedOn: t.date, amountMinor: t.amount, payee: t.payee, currency: 'EUR' };
            line += 1 + (t.payee.match(/\n/g)?.length ?? 0);
            return row;
          });
          expect(result.statements[0]!.rows.map((r) => ({ line: r.line, bookedOn: r.bookedOn, amountMinor: r.amountMinor, payee: r.payee, currency: r.currency }))).toEqual(expected);
        },
      ),
      { numRuns: 60, seed: 20240105 },
    );
  });
});
