import { parse } from 'csv-parse/sync';
import { bankFixture, bankFixtureBytes } from '../../../../helpers/shared-fixtures';
import { describe, expect, it } from 'vitest';
import { parseMoney } from '@/lib/currency';
import { decodeBankFile, detectPreset, parseCsv, parseCsvFile, suggestMapping } from '@/lib/money/import/csv';
import { completeMapping } from '@/lib/money/import/csv/suggest';

// Every CSV in shared/fixtures/bank: the presets on the two maxwells-wallet exports, and the
// wizard path (suggestMapping, plus the person's answers) on the three csv2ofx files, checked
// against the OFX/QIF that csv2ofx produced from them.

const bytes = bankFixtureBytes;
const text = bankFixture;

/** TRNAMT, DTPOSTED (as YYYY-MM-DD) and NAME of each STMTTRN, in file order. */
function ofxTransactions(ofx: string) {
  return [...ofx.matchAll(/<STMTTRN>([\s\S]*?)<\/STMTTRN>/g)].map(([, body]) => {
    const field = (tag: string) => new RegExp(`<${tag}>([^<\\r\\n]*)`).exec(body!)?.[1]?.trim() ?? null;
    const posted = field('DTPOSTED')!;
    return { amount: field('TRNAMT')!, date: `${posted.slice(0, 4)}-${posted.slice(4, 6)}-${posted.slice(6, 8)}`, name: field('NAME') };
  });
}

/** QIF records after !Type: D, T, N, P. */
function qifTransactions(qif: string) {
  const body = qif.slice(qif.indexOf('!Type:'));
  return body
    .split(/^\^\s*$/m)
    .map((record) => Object.fromEntries(record.split('\n').filter((l) => /^[DTNP]/.test(l)).map((l) => [l[0], l.slice(1).trim()])) as Record<string, string>)
    .filter((r) => r.D);
}

describe('bofa_bank_anon.csv (preset bofa_checking)', () => {
  const result = parseCsvFile(bytes('bofa_bank_anon.csv'));
  const statement = result.statements[0]!;
  const lines = text('bofa_bank_anon.csv').split(/\r?\n/);

  it('is detected as BofA checking, summary preamble skipped', () => {
    expect(result.preset).toBe('bofa_checking');
    expect(result.format).toBe('csv');
    expect(result.problems).toEqual([]);
    expect(statement.currency).toBe('USD');
    expect(statement.accountType).toBe('checking');
    expect(result.notes.join(' ')).toMatch(/1 row without a date or amount skipped/);
  });

  it('has every dated line with an amount, in order, with its line number', () => {
    const expected = lines
      .map((line, i) => ({ line: i + 1, cells: parse(line, { relax_quotes: true })[0] as string[] | undefined }))
      .filter(({ cells }) => cells && /^\d{2}\/\d{2}\/\d{4}$/.test(cells[0]!) && cells[2] !== '');
    expect(statement.rows).toHaveLength(346);
    expect(statement.rows.map((r) => r.line)).toEqual(expected.map((e) => e.line));
    expect(statement.rows.map((r) => r.amountMinor)).toEqual(expected.map((e) => parseMoney(e.cells![2]!.replace(/,/g, ''), 'USD')));
    expect(statement.rows.map((r) => r.bookedOn)).toEqual(expected.map((e) => {
      const [m, d, y] = e.cells![0]!.split('/');
      return `${y}-${m}-${d}`;
    }));
  });

  it('reads amounts, dates and the running balance exactly', () => {
    const [first] = statement.rows;
    expect(first).toMatchObject({ line: 9, bookedOn: '2025-01-03', amountMinor: -220205n, runningBalanceMinor: 10411953n, valueOn: null });
    expect(first!.payee).toBe('WILLIAMS-ELLIS DES:NSM DBAMR ID:00000043 INDN:{{PERSON_NAME+LOCATION}} CO ID:XXXXX00000044 WEB');
    expect(statement.rows.find((r) => r.amountMinor === 463388n)?.runningBalanceMinor).toBe(10843135n);
    expect(statement.rows.at(-1)).toMatchObject({ line: 354, bookedOn: '2025-11-26', amountMinor: -79000n, runningBalanceMinor: 7375429n });
    // Every running balance is the one before plus the amount.
    let balance = 10632158n;
    for (const row of statement.rows) {
      balance += row.amountMinor;
      expect(row.runningBalanceMinor, `line ${row.line}`).toBe(balance);
    }
  });

  it('takes the opening and closing balance from the summary', () => {
    expect(statement.openingBalance).toEqual({ amountMinor: 10632158n, on: '2025-01-01' });
    expect(statement.closingBalance).toEqual({ amountMinor: 7375429n, on: '2025-11-28' });
    const total = statement.rows.reduce((sum, r) => sum + r.amountMinor, 0n);
    expect(statement.openingBalance!.amountMinor + total).toBe(statement.closingBalance!.amountMinor);
  });
});

describe('amex_cc_anon.csv (preset amex)', () => {
  const source = text('amex_cc_anon.csv');
  const result = parseCsvFile(bytes('amex_cc_anon.csv'));
  const statement = result.statements[0]!;
  const oracle = parse(source, { columns: true }) as Record<string, string>[];

  it('is detected as Amex and reads every record, multi-line fields included', () => {
    expect(result.preset).toBe('amex');
    expect(result.problems).toEqual([]);
    expect(statement.accountType).toBe('credit_card');
    expect(statement.rows).toHaveLength(oracle.length);
    expect(statement.rows).toHaveLength(36);
    const dated = source.split(/\r?\n/).flatMap((line, i) => (/^\d{2}\/\d{2}\/\d{4},/.test(line) ? [i + 1] : []));
    expect(statement.rows.map((r) => r.line)).toEqual(dated);
    expect(statement.rows[0]!.memo).toBe('{{MERCHANT+PHONE+PHONE+BANK_ID+LOCATION}}\nUT\n{{PHONE+PHONE+BANK_ID}}');
  });

  it('inverts the sign: charges are money out, credits money in', () => {
    expect(statement.rows.map((r) => r.amountMinor)).toEqual(oracle.map((r) => -parseMoney(r.Amount!, 'USD')));
    expect(statement.rows[0]).toMatchObject({ bookedOn: '2025-11-16', amountMinor: -37012n, reference: '00000002', category: 'Entertainment-Other Entertainment' });
    expect(statement.rows.find((r) => r.line === 25)?.amountMinor).toBe(4337n); // "-43.37", a refund
  });

  it('takes the merchant before the first double space', () => {
    expect(statement.rows[0]!.payee).toBe('{{MERCHANT+LOCATION}}             UT');
    expect(statement.rows[0]!.merchant).toBe('{{MERCHANT+LOCATION}}');
    expect(statement.rows[1]!.merchant).toBe('{{MERCHANT+LOCATION}} OF OC805-722-8117');
    expect(statement.rows.every((r) => r.merchant !== null && r.merchant.length <= 50)).toBe(true);
  });

  it('skips AUTOPAY / THANK YOU payment rows (the fixture has none: a derived variant)', () => {
    const header = source.slice(0, source.indexOf('\n') + 1);
    const payment = '11/17/2025,AUTOPAY PAYMENT - THANK YOU,TERRI LONG,00000001,-1500.00,,AUTOPAY PAYMENT - THANK YOU,,,,,00000099,\r\n';
    const variant = header + payment + source.slice(header.length);
    const parsed = parseCsvFile(new TextEncoder().encode(variant));
    expect(parsed.statements[0]!.rows).toHaveLength(36);
    expect(parsed.statements[0]!.rows.some((r) => r.payee.includes('AUTOPAY'))).toBe(false);
    expect(parsed.notes.join(' ')).toMatch(/1 payment row skipped/);
  });
});

describe('csv2ofx_gls_de_latin1_semicolon.csv (no preset: suggestMapping)', () => {
  const decoded = decodeBankFile(bytes('csv2ofx_gls_de_latin1_semicolon.csv'));
  const expected = ofxTransactions(text('csv2ofx_gls.expected.ofx'));

  it('decodes ISO-8859-1 and suggests a complete mapping', () => {
    expect(decoded.encoding).toBe('iso-8859-1');
    expect(decoded.text).toContain('Auftraggeber/Empfänger');
    expect(detectPreset(decoded.text)).toBeNull();
    expect(() => parseCsvFile(bytes('csv2ofx_gls_de_latin1_semicolon.csv'))).toThrow(/needs a mapping/);
    const suggestion = suggestMapping(decoded.text);
    expect(suggestion.questions).toEqual([]);
    expect(suggestion.mapping).toMatchObject({
      delimiter: ';',
      headerRow: 0,
      dateFormat: 'DD.MM.YYYY',
      numberFormat: { decimal: ',', thousands: '.' },
      amount: { kind: 'single', column: 'Betrag' },
      columns: { date: 'Buchungstag', valueDate: 'Wertstellung', payee: 'Auftraggeber/Empfänger', runningBalance: 'Kontostand', currency: 'Währung', memo: 'Buchungstext' },
    });
  });

  it('matches the OFX csv2ofx made of it', () => {
    const result = parseCsv(decoded.text, suggestMapping(decoded.text).mapping!);
    const rows = result.statements[0]!.rows;
    expect(result.problems).toEqual([]);
    expect(rows).toHaveLength(expected.length);
    expect(rows.map((r) => r.amountMinor)).toEqual(expected.map((e) => parseMoney(e.amount, 'EUR')));
    expect(rows.map((r) => r.bookedOn)).toEqual(expected.map((e) => e.date));
    expect(rows.map((r) => r.payee)).toEqual(expected.map((e) => e.name));
    expect(rows[0]).toMatchObject({ line: 2, currency: 'EUR', valueOn: '2017-10-10', runningBalanceMinor: 123456n, memo: 'SEPA-Basislastschrift' });
    expect(result.statements[0]!.currency).toBe('EUR');
  });
});

describe('csv2ofx_outbank_de_semicolon.csv (no preset: suggestMapping)', () => {
  const decoded = decodeBankFile(bytes('csv2ofx_outbank_de_semicolon.csv'));
  const expected = ofxTransactions(text('csv2ofx_outbank.expected.ofx'));

  it('suggests M/D/YY dates and decimal commas', () => {
    const suggestion = suggestMapping(decoded.text);
    expect(suggestion.questions).toEqual([]);
    expect(suggestion.mapping).toMatchObject({ dateFormat: 'M/D/YY', numberFormat: { decimal: ',' }, amount: { kind: 'single', column: 'Amount' } });
    expect(suggestion.mapping?.columns).toMatchObject({ date: 'Date', valueDate: 'Value Date', payee: 'Name', currency: 'Currency', memo: 'Reason' });
  });

  it('matches the OFX csv2ofx made of it', () => {
    const result = parseCsv(decoded.text, suggestMapping(decoded.text).mapping!);
    const rows = result.statements[0]!.rows;
    expect(result.problems).toEqual([]);
    expect(rows).toHaveLength(4);
    expect(rows).toHaveLength(expected.length);
    expect(rows.map((r) => r.amountMinor)).toEqual(expected.map((e) => parseMoney(e.amount, 'EUR')));
    expect(rows.map((r) => r.bookedOn)).toEqual(expected.map((e) => e.date));
    expect(rows.map((r) => r.payee)).toEqual(expected.map((e) => e.name));
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5]);
    expect(rows[3]!.memo).toBe('PP.1234.PP . STEAM GAMES, Your purchase at STEAM GAMES');
  });
});

describe('csv2ofx_ubs_ch_fr_semicolon.csv (no preset: suggestMapping + the person’s answer)', () => {
  const decoded = decodeBankFile(bytes('csv2ofx_ubs_ch_fr_semicolon.csv'));
  const expected = qifTransactions(text('csv2ofx_ubs_ch_fr.expected.qif'));
  const suggestion = suggestMapping(decoded.text);

  it('finds Débit/Crédit, apostrophe thousands, and asks which description is the payee', () => {
    expect(decoded.encoding).toBe('utf-8');
    expect(suggestion.draft).toMatchObject({
      dateFormat: 'DD.MM.YYYY',
      numberFormat: { decimal: '.', thousands: "'" },
      amount: { kind: 'debit_credit', debit: 'Débit', credit: 'Crédit' },
      columns: { date: 'Date de valeur', reference: 'N° de transaction', runningBalance: 'Solde', currency: 'Monn.' },
    });
    // "Description" is the same on every row (the account's name), so it is not offered.
    const question = suggestion.questions.find((q) => q.kind === 'column' && q.field === 'payee');
    expect(question).toMatchObject({ blocking: false, options: ['Description 1', 'Description 2', 'Description 3'] });
    expect(suggestion.questions.filter((q) => q.blocking)).toEqual([]);
  });

  it('matches the QIF csv2ofx made of it (count, amounts, dates, references)', () => {
    // The wizard: the person picks "Description 2" as payee, "Description 1" when that is blank.
    const mapping = completeMapping(suggestion.draft, { columns: { payee: 'Description 2', fallbackPayee: 'Description 1', memo: 'Description 3' } });
    const result = parseCsv(decoded.text, mapping);
    const rows = result.statements[0]!.rows;
    expect(result.problems).toEqual([]);
    expect(rows).toHaveLength(3);
    expect(rows).toHaveLength(expected.length);
    expect(rows.map((r) => r.amountMinor)).toEqual(expected.map((e) => parseMoney(e.T!, 'CHF')));
    expect(rows.map((r) => r.bookedOn)).toEqual(expected.map((e) => e.D));
    expect(rows.map((r) => r.reference)).toEqual(expected.map((e) => e.N));
    expect(rows.map((r) => r.runningBalanceMinor)).toEqual([1137394n, 1161394n, 1141394n]);
    expect(rows.map((r) => r.payee)).toEqual(['Solde prix prestations', 'ASSOCIATION FOO-BAR', 'REMB-CASH']);
    expect(rows.every((r) => r.currency === 'CHF')).toBe(true);
    expect(result.statements[0]!.currency).toBe('CHF');
  });
});
