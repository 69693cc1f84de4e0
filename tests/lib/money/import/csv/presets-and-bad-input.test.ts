import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ImportFileError } from '@/lib/money/import/statement';
import { decodeBankFile, detectPreset, headerSignature, mappingSchema, parseCsv, parseCsvFile, sniffDelimiter, suggestMapping } from '@/lib/money/import/csv';
import { completeMapping } from '@/lib/money/import/csv/suggest';

const utf8 = (s: string) => new TextEncoder().encode(s);

function refusal(fn: () => unknown): ImportFileError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    return error as ImportFileError;
  }
  throw new Error('expected an ImportFileError');
}

describe('presets', () => {
  it('Chase checking', () => {
    const csv = 'Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\nDEBIT,01/05/2024,"STARBUCKS STORE 123",-4.50,DEBIT_CARD,"1,995.50",,\nCHECK,01/06/2024,CHECK 101,-100.00,CHECK_PAID,1895.50,101,\n';
    const result = parseCsvFile(utf8(csv));
    expect(result.preset).toBe('chase_checking');
    expect(result.statements[0]!.rows).toMatchObject([
      { line: 2, bookedOn: '2024-01-05', amountMinor: -450n, payee: 'STARBUCKS STORE 123', runningBalanceMinor: 199550n, reference: null },
      { line: 3, bookedOn: '2024-01-06', amountMinor: -10000n, reference: '101' },
    ]);
  });

  it('Chase credit card', () => {
    const csv = 'Transaction Date,Post Date,Description,Category,Type,Amount,Memo\n01/03/2024,01/04/2024,NETFLIX.COM,Entertainment,Sale,-15.49,\n01/10/2024,01/10/2024,Payment Thank You-Mobile,,Payment,500.00,\n';
    const result = parseCsvFile(utf8(csv));
    expect(result.preset).toBe('chase_credit_card');
    expect(result.statements[0]!.rows).toMatchObject([
      { bookedOn: '2024-01-04', valueOn: '2024-01-03', amountMinor: -1549n, category: 'Entertainment' },
      { amountMinor: 50000n },
    ]);
  });

  it('Capital One: Debit and Credit columns', () => {
    const csv = 'Transaction Date,Posted Date,Card No.,Description,Category,Debit,Credit\n2024-01-02,2024-01-03,1234,AMAZON,Merchandise,25.10,\n2024-01-05,2024-01-05,1234,CAPITAL ONE AUTOPAY,Payment/Credit,,300.00\n';
    const result = parseCsvFile(utf8(csv));
    expect(result.preset).toBe('capital_one');
    expect(result.statements[0]!.rows.map((r) => [r.bookedOn, r.amountMinor])).toEqual([['2024-01-03', -2510n], ['2024-01-05', 30000n]]);
  });

  it('Wells Fargo: no header, five columns', () => {
    const csv = '"01/05/2024","-12.34","*","","PURCHASE AUTHORIZED ON 01/04 SAFEWAY"\n"01/06/2024","1500.00","*","","PAYROLL DEPOSIT"\n';
    const result = parseCsvFile(utf8(csv));
    expect(result.preset).toBe('wells_fargo');
    expect(result.statements[0]!.rows).toMatchObject([
      { line: 1, bookedOn: '2024-01-05', amountMinor: -1234n, payee: 'PURCHASE AUTHORIZED ON 01/04 SAFEWAY' },
      { line: 2, amountMinor: 150000n },
    ]);
  });

  it('BofA credit card: merchant before the first comma', () => {
    const csv = 'Posted Date,Reference Number,Payee,Address,Amount\n01/05/2024,24492154005,"WHOLEFDS SFO, SAN FRANCISCO CA","SAN FRANCISCO  CA ",-54.21\n';
    const result = parseCsvFile(utf8(csv));
    expect(result.preset).toBe('bofa_credit_card');
    expect(result.statements[0]!.rows[0]).toMatchObject({ amountMinor: -5421n, merchant: 'WHOLEFDS SFO', reference: '24492154005', payee: 'WHOLEFDS SFO, SAN FRANCISCO CA' });
  });

  it('Venmo: statement preamble, "+ $"/"- $", only Complete rows, merchant From/To', () => {
    const csv = [
      'Account Statement - (@jane-doe) ,,,,,,,,,,,,,,,,,,',
      'Account Activity,,,,,,,,,,,,,,,,,,',
      ',ID,Datetime,Type,Status,Note,From,To,Amount (total),Amount (tip),Amount (tax),Amount (fee),Tax Rate,Tax Exempt,Funding Source,Destination,Beginning Balance,Ending Balance',
      ',,,,,,,,,,,,,,,,$10.00,',
      ',3999999999999999991,2024-01-05T12:34:56,Payment,Complete,Pizza 🍕,Jane Doe,Bob Smith,- $18.00,,0,,0,,Venmo balance,,,',
      ',3999999999999999992,2024-01-06T09:00:00,Payment,Complete,Rent share,Ann Lee,Jane Doe,+ $500.00,,0,,0,,,Venmo balance,,',
      ',3999999999999999993,2024-01-07T10:00:00,Payment,Pending,Coffee,Jane Doe,Cafe,- $4.00,,0,,0,,Venmo balance,,,',
      ',,,,,,,,,,,,,,,,,$488.00',
    ].join('\n');
    const result = parseCsvFile(utf8(csv));
    expect(result.preset).toBe('venmo');
    expect(result.problems).toEqual([]);
    expect(result.statements[0]!.rows).toMatchObject([
      { line: 5, bookedOn: '2024-01-05', amountMinor: -1800n, payee: 'Pizza 🍕', merchant: 'Bob Smith', reference: '3999999999999999991' },
      { line: 6, bookedOn: '2024-01-06', amountMinor: 50000n, merchant: 'Ann Lee' },
    ]);
    expect(result.notes.join(' ')).toMatch(/3 rows skipped because the status was not Complete/);
  });

  it('Inspira HSA: "$" and parentheses, Posted Date else Origination Date', () => {
    const csv = [
      '"Transaction ID","Transaction Type","Origination Date","Posted Date","Description","Amount","Expense Category","Expenses for","Contribution year","Document attached","Trade Details","Investment rebalance","Is Investment Trans Type","Verification Status"',
      '"T1","Contribution","01/02/2024","01/03/2024","Payroll contribution","$500.00","","","2024","No","","","No",""',
      '"T2","Distribution","01/10/2024","","CVS PHARMACY","($29.44)","Medical","Self","","No","","","No",""',
    ].join('\n');
    const result = parseCsvFile(utf8(csv));
    expect(result.preset).toBe('inspira_hsa');
    expect(result.statements[0]!.rows).toMatchObject([
      { bookedOn: '2024-01-03', amountMinor: 50000n, reference: 'T1', merchant: 'Payroll' },
      { bookedOn: '2024-01-10', amountMinor: -2944n, category: 'Medical', merchant: 'CVS' },
    ]);
  });

  it('finds nothing in an unknown layout, and parseCsvFile asks for a mapping', () => {
    expect(detectPreset('Foo,Bar\n1,2\n')).toBeNull();
    expect(refusal(() => parseCsvFile(utf8('Foo,Bar\n1,2\n'))).code).toBe('unrecognised');
  });
});

describe('decode', () => {
  it('handles BOMs and UTF-16', () => {
    const csv = 'Date,Payee\n2024-01-01,Müller\n';
    expect(decodeBankFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv)]))).toEqual({ text: csv, encoding: 'utf-8' });
    expect(decodeBankFile(new Uint8Array(iconv.encode(csv, 'utf-16le', { addBOM: true })))).toEqual({ text: csv, encoding: 'utf-16le' });
    expect(decodeBankFile(new Uint8Array(iconv.encode(csv, 'utf-16be', { addBOM: true })))).toEqual({ text: csv, encoding: 'utf-16be' });
    expect(decodeBankFile(new Uint8Array(iconv.encode(csv, 'utf-16le')))).toEqual({ text: csv, encoding: 'utf-16le' });
    expect(decodeBankFile(utf8(csv))).toEqual({ text: csv, encoding: 'utf-8' });
  });

  it('reads a Windows code page, with € as 0x80', () => {
    const csv = 'Datum;Empfänger;Betrag\n01.02.2024;Bäckerei Grüß;-3,50 €\n02.02.2024;Café Größe;-12,00 €\n';
    const decoded = decodeBankFile(new Uint8Array(iconv.encode(csv, 'win1252')));
    expect(decoded.text).toBe(csv);
    expect(decoded.encoding).toBe('windows-1252');
  });

  it('refuses empty and binary files', () => {
    expect(refusal(() => decodeBankFile(new Uint8Array()))).toMatchObject({ code: 'empty' });
    expect(refusal(() => decodeBankFile(utf8('  \n\n')))).toMatchObject({ code: 'empty' });
    expect(refusal(() => parseCsvFile(new Uint8Array()))).toMatchObject({ code: 'empty' });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0)]);
    expect(refusal(() => decodeBankFile(png))).toMatchObject({ code: 'binary' });
    const controls = new Uint8Array(Array.from({ length: 200 }, (_, i) => (i % 5 === 0 ? 0x01 : 0x41)));
    expect(refusal(() => decodeBankFile(controls))).toMatchObject({ code: 'binary' });
  });
});

describe('sniffing and mappings', () => {
  it('detects the delimiter by consistent field counts', () => {
    expect(sniffDelimiter('a;b;c\n1,5;2;3\n4;5,5;6\n').delimiter).toBe(';');
    expect(sniffDelimiter('a\tb\n"x,y"\t2\n').delimiter).toBe('\t');
    expect(sniffDelimiter('a|b|c\n1|2|3\n').delimiter).toBe('|');
    expect(sniffDelimiter('a,b,c\n1,2,3\n').delimiter).toBe(',');
  });

  it('signs headers independently of order, case and spaces', () => {
    const signature = headerSignature(['Date', 'Amount', ' Payee ']);
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(headerSignature(['payee', 'DATE', 'amount'])).toBe(signature);
    expect(headerSignature(['Date', 'Amount'])).not.toBe(signature);
    expect(suggestMapping('Date,Payee,Amount\n2024-01-13,X,1.00\n').headerSignature).toBe(headerSignature(['Amount', 'Payee', 'Date']));
  });

  it('validates saved mappings', () => {
    const base = { delimiter: ',', headerRow: 0, columns: { date: 'Date' }, amount: { kind: 'single', column: 'Amount' }, dateFormat: 'YYYY-MM-DD', numberFormat: { decimal: '.', thousands: ',' } };
    expect(mappingSchema.safeParse(base).success).toBe(true);
    expect(mappingSchema.safeParse({ ...base, skipPatterns: ['(unclosed'] }).success).toBe(false);
    expect(mappingSchema.safeParse({ ...base, numberFormat: { decimal: '.', thousands: '.' } }).success).toBe(false);
    expect(mappingSchema.safeParse({ ...base, dateFormat: 'DD/MM/YYY' }).success).toBe(false);
    expect(mappingSchema.safeParse({ ...base, currency: 'XXQ' }).success).toBe(false);
    expect(mappingSchema.safeParse({ ...base, amount: { kind: 'debit_credit', debit: 'Out' } }).success).toBe(false);
  });

  it('asks for the day/month order and the currency instead of guessing', () => {
    const suggestion = suggestMapping('Date,Payee,Amount\n01/02/2024,Shop,-1.00\n03/04/2024,Shop 2,-2.00\n');
    expect(suggestion.mapping).toBeNull();
    expect(suggestion.questions).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'date_format', blocking: true, options: expect.arrayContaining(['MM/DD/YYYY', 'DD/MM/YYYY']) }),
      expect.objectContaining({ kind: 'currency', blocking: true }),
    ]));
    const mapping = completeMapping(suggestion.draft, { dateFormat: 'DD/MM/YYYY', currency: 'GBP' });
    expect(parseCsv('Date,Payee,Amount\n01/02/2024,Shop,-1.00\n', mapping).statements[0]!.rows[0]).toMatchObject({ bookedOn: '2024-02-01', currency: 'GBP' });
  });

  it('suggests inverting a card export where ≥ 80% of amounts are positive, and asks', () => {
    const suggestion = suggestMapping('Date,Payee,Amount\n2024-01-13,A,10.00\n2024-01-14,B,20.00\n2024-01-15,C,5.00\n2024-01-16,D,7.00\n2024-01-17,Payment,-30.00\n', { currency: 'USD' });
    expect(suggestion.mapping?.sign).toBe('invert');
    expect(suggestion.questions).toEqual([expect.objectContaining({ kind: 'sign', blocking: false, positiveShare: 0.8 })]);
  });

  it('reads an unsigned amount with a debit/credit marker column', () => {
    const csv = 'Date;Text;Amount;D/C\n13.01.2024;Shop;12,00;D\n14.01.2024;Salary;1.000,00;C\n';
    const suggestion = suggestMapping(csv, { currency: 'EUR' });
    expect(suggestion.mapping?.amount).toEqual({ kind: 'indicator', column: 'Amount', indicator: 'D/C', debitValues: ['D'], creditValues: ['C'] });
    expect(parseCsv(csv, suggestion.mapping!).statements[0]!.rows.map((r) => r.amountMinor)).toEqual([-1200n, 100000n]);
  });
});

describe('bad rows', () => {
  const mapping = mappingSchema.parse({
    delimiter: ',',
    headerRow: 0,
    columns: { date: 'Date', payee: 'Payee', memo: 'Memo' },
    amount: { kind: 'single', column: 'Amount' },
    currency: 'EUR',
    dateFormat: 'DD/MM/YYYY',
    numberFormat: { decimal: '.', thousands: ',' },
  });
  const csv = [
    'Date,Payee,Amount,Memo',
    '01/02/2024,Good one,-1.00,',
    '31/02/2024,Bad date,-2.00,',
    '02/02/2024,Bad amount,abc,',
    '03/02/2024,"=HYPERLINK(""http://x"",""y"")",-3.00,"@SUM(A1:A2)"',
    '04/02/2024,"multi',
    'line payee",-4.00,+cmd',
    '2024-02-05,Wrong layout,-5.00,',
    ',No date,-6.00,',
    '06/02/2024,No amount,,',
    '07/02/2024,Too precise,-1.005,',
    '08/02/2024,Last good,"1,000.50",-note',
  ].join('\r\n');
  const result = parseCsv(csv, mapping);
  const rows = result.statements[0]!.rows;

  it('reports each bad row with its line and value, and keeps the others', () => {
    expect(result.problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'The date "31/02/2024" is not a real date.'],
      [4, 'The amount "abc" is not a number.'],
      [8, 'The date "2024-02-05" does not match DD/MM/YYYY.'],
      [9, 'The date is missing.'],
      [10, 'The amount is missing.'],
      [11, expect.stringMatching(/^The amount "-1.005": EUR amounts have at most 2 decimal places/)],
    ]);
    expect(result.problems[0]!.raw).toBe('31/02/2024,Bad date,-2.00,');
    expect(rows.map((r) => [r.line, r.amountMinor])).toEqual([[2, -100n], [5, -300n], [6, -400n], [12, 100050n]]);
  });

  it('keeps formula-looking text verbatim (escaping is the export’s job)', () => {
    expect(rows[1]!.payee).toBe('=HYPERLINK("http://x","y")');
    expect(rows[1]!.memo).toBe('@SUM(A1:A2)');
    expect(rows[2]!.payee).toBe('multi\nline payee');
    expect(rows[2]!.memo).toBe('+cmd');
    expect(rows[3]!.memo).toBe('-note');
  });

  it('names a column the file lacks', () => {
    const other = { ...mapping, columns: { ...mapping.columns, payee: 'Beneficiary' } };
    expect(refusal(() => parseCsv(csv, other))).toMatchObject({ code: 'invalid', message: expect.stringMatching(/no column "Beneficiary"/) });
  });
});
