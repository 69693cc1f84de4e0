import { bankFixture } from '../../../../helpers/shared-fixtures';
import { describe, expect, it } from 'vitest';
import { details, parseMt940 } from '@/lib/money/import/formats/mt940';
import { ImportFileError } from '@/lib/money/import/statement';

function refusal(fn: () => unknown): ImportFileError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

/**
 * The amounts and dates of each transaction in a wolph/mt940 `.expected.yml` (no YAML library is
 * installed, so a tiny regex). Dates there are `!!binary` base64 of [year high, year low, month, day].
 */
function expectedTransactions(yml: string): { amount: string; date: string; entryDate: string | null }[] {
  const binaryDate = (b64: string) => {
    const [hi = 0, lo = 0, m = 0, d = 0] = Buffer.from(b64, 'base64');
    return `${hi * 256 + lo}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };
  const section = yml.slice(yml.indexOf('\ntransactions:'));
  return section
    .split('- !!python/object:mt940.models.Transaction')
    .slice(1)
    .map((chunk) => {
      const entry = /\n {4}entry_date: [^\n]*\n {4}- !!binary \|\n {6}(\S+)/.exec(chunk);
      return {
        amount: /amount: !!python\/object\/apply:decimal\.Decimal\n\s+- '([^']+)'/.exec(chunk)![1]!,
        date: binaryDate(/\n {4}date: [^\n]*\n {4}- !!binary \|\n {6}(\S+)/.exec(chunk)![1]!),
        entryDate: entry ? binaryDate(entry[1]!) : null,
      };
    });
}

/** '-11.8' (EUR) → -1180n, exactly, from the text. */
function minor(amount: string): bigint {
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const value = BigInt(whole + fraction.padEnd(2, '0'));
  return amount.startsWith('-') ? -value : value;
}

describe('parseMt940 on the ABN AMRO fixture', () => {
  const result = parseMt940(bankFixture('mt940_jejik_abnamro.sta'));

  it('skips the bank header lines and reads both statements with their balances', () => {
    expect(result.format).toBe('mt940');
    expect(result.problems).toEqual([]);
    // From mt940_jejik_abnamro.expected.yml: final opening/closing 3236.28 (2011-05-22) / 876.84
    // (2011-05-23); intermediate opening/closing 2876.84 (2011-05-23) / 1849.75 (2011-05-24).
    expect(result.statements.map((s) => [s.accountId, s.currency, s.openingBalance, s.closingBalance, s.rows.length])).toEqual([
      ['517852257', 'EUR', { amountMinor: 323628n, on: '2011-05-22' }, { amountMinor: 87684n, on: '2011-05-23' }, 8],
      ['517852257', 'EUR', { amountMinor: 287684n, on: '2011-05-23' }, { amountMinor: 184975n, on: '2011-05-24' }, 2],
    ]);
  });

  it('matches every transaction of mt940_jejik_abnamro.expected.yml: amount, value date, entry date', () => {
    const expected = expectedTransactions(bankFixture('mt940_jejik_abnamro.expected.yml'));
    expect(expected).toHaveLength(10);
    const rows = result.statements.flatMap((s) => s.rows);
    expect(rows.map((r) => [r.amountMinor, r.valueOn, r.bookedOn])).toEqual(expected.map((e) => [minor(e.amount), e.date, e.entryDate]));
    // Spot checks written out, from the same file.
    expect(rows.map((r) => r.amountMinor)).toEqual([-900n, -1159n, -1163n, -1180n, -1345n, -1549n, -10700n, -14148n, -949n, -1500n]);
    expect([rows[1]!.valueOn, rows[1]!.bookedOn]).toEqual(['2011-05-21', '2011-05-23']);
  });

  it('joins a multi-line :86: with newlines as the fixture expects, and keeps each row\'s :61: line', () => {
    const first = result.statements[0]!;
    expect(first.rows[0]).toMatchObject({
      line: 8,
      payee: 'GIRO   428428 KPN - DIGITENNE    BETALINGSKENM.  000000042188659\n5314606715                       BETREFT FACTUUR D.D. 20-05-2011\nINCL. 1,44 BTW',
      memo: null,
      reference: null,
      status: 'cleared',
    });
    expect(first.rows[5]!.payee).toBe('BEA   NR:XXX1234   21.05.11/12.55 DIRX FIL6017 KATWIJK ZH ,PAS999');
    expect(result.statements[1]!.rows[1]).toMatchObject({ line: 38, payee: '52.89.39.882                    MYCOM DEN HAAG' });
  });
});

describe('parseMt940 on the ING fixture', () => {
  const result = parseMt940(bankFixture('mt940_jejik_ing.sta'));

  it('skips the 0000 01INGBNL2AXXXX00001 preamble and reads the statement', () => {
    expect(result.statements).toHaveLength(1);
    // From mt940_jejik_ing.expected.yml: opening 0.00 on 2010-07-22, closing 3.47 on 2010-07-23.
    expect(result.statements[0]).toMatchObject({ accountId: '0001234567', currency: 'EUR', openingBalance: { amountMinor: 0n, on: '2010-07-22' }, closingBalance: { amountMinor: 347n, on: '2010-07-23' } });
  });

  it('matches every transaction of mt940_jejik_ing.expected.yml (no entry dates: booked on the value date)', () => {
    const expected = expectedTransactions(bankFixture('mt940_jejik_ing.expected.yml'));
    expect(expected).toHaveLength(7);
    const rows = result.statements[0]!.rows;
    expect(rows.map((r) => [r.amountMinor, r.valueOn, r.bookedOn])).toEqual(expected.map((e) => [minor(e.amount), e.date, e.date]));
    expect(rows.map((r) => r.amountMinor)).toEqual([-2503n, -303n, -111n, -2000n, -110n, 368n, 100n]);
  });

  it('keeps the :86: text as the fixture has it (tabs, soft hyphens), but not the statement-level :86:', () => {
    const rows = result.statements[0]!.rows;
    expect(rows[0]!.payee).toBe('RC AFREKENING BETALINGSVERKEER\nBETREFT REKENING 4715589 PERIODE: 01-10-2010 / 31-12-2010\nING Bank N.V. tarifering ING');
    expect(rows[1]!.payee).toBe('0111111111 GPSEOUL SPOEDBETALING\tMPBZS1016000047 GPSEOUL');
    expect(rows[3]!.payee).toBe('ABN AMRO BANK>AMSTERDAM 22\u00ad07\u00ad2010 09:57 002\t5595781');
    // wolph/mt940 also appends the :86: after :62F: and the "-XXX" trailer to this last row; that
    // :86: describes the statement (sums of debits and credits), so it is left out here.
    expect(rows[6]!.payee).toBe('0111111111 Hr S Marechal\nROSMALEN Hr S Marechal ROSMALEN\nBetaling transactiedatum: 22-07-2010');
  });
});

const SWIFT_WRAPPED = [
  '{1:F01RABONL2UAXXX0000000000}{2:O9400000000000RABONL2UXXXX00000000000000000000N}{4:', // 1
  ':20:940S991231',
  ':25:NL91RABO0123456789 EUR',
  ':28C:00000',
  ':60F:C991231EUR1000,00', // 5
  ':61:9912310101D50,00N100NONREF//B1',
  ':86:/TRTP/SEPA OVERBOEKING/IBAN/NL20INGB0001234567/BIC/INGBNL2A/NAME/J. J',
  'ANSEN/REMI/Invoice 2000-1/EREF/E1',
  ':61:0001011231RC1,50N100NONREF', // 9
  ':86:/EREF/E2/CNTP/NL20INGB0001234567/INGBNL2A/Bakkerij de Korst/Utrecht/REMI/USTD//Bread/',
  ':61:000101RD2,00N100NONREF', // 11
  ':61:000231C3,00N100NONREF', // 12: no 31 February
  ':61:000101CX,00N100NONREF', // 13: no amount
  ':61:000101C4,00S100MY REF//BANKREF',
  ':62F:C000101EUR951,50',
  '-}{5:}',
  '{1:F01RABONL2UAXXX0000000000}{2:O9400000000000RABONL2UXXXX00000000000000000000N}{4:',
  ':20:940S000102',
  ':25:NL91RABO0123456789 EUR',
  ':60F:C000101EUR951,50',
  ':61:000102C0,50NINTNONREF',
  ':86:166?00GUTSCHRIFT?20Zinsen?21 Q4?32Sparkasse?33 Musterstadt',
  ':62F:C000102EUR952,00',
  '-}',
].join('\r\n');

describe('parseMt940 on SWIFT-wrapped messages', () => {
  const result = parseMt940(SWIFT_WRAPPED);

  it('reads each {4:…-} message as a statement', () => {
    expect(result.statements.map((s) => [s.accountId, s.openingBalance, s.closingBalance])).toEqual([
      ['NL91RABO0123456789 EUR', { amountMinor: 100000n, on: '1999-12-31' }, { amountMinor: 95150n, on: '2000-01-01' }],
      ['NL91RABO0123456789 EUR', { amountMinor: 95150n, on: '2000-01-01' }, { amountMinor: 95200n, on: '2000-01-02' }],
    ]);
  });

  it('infers the entry date\'s year across New Year, signs RC/RD, and reads structured :86: fields', () => {
    expect(result.statements[0]!.rows.map((r) => [r.line, r.valueOn, r.bookedOn, r.amountMinor, r.payee, r.memo, r.reference])).toEqual([
      [6, '1999-12-31', '2000-01-01', -5000n, 'J. JANSEN', 'Invoice 2000-1', 'B1'],
      [9, '2000-01-01', '1999-12-31', -150n, 'Bakkerij de Korst', 'Bread', null],
      [11, '2000-01-01', '2000-01-01', 200n, '', null, null],
      [14, '2000-01-01', '2000-01-01', 400n, 'MY REF', null, 'BANKREF'],
    ]);
    expect(result.statements[1]!.rows.map((r) => [r.amountMinor, r.payee, r.memo])).toEqual([[50n, 'Sparkasse Musterstadt', 'Zinsen Q4']]);
  });

  it('reports the unreadable :61: rows with their lines and keeps the rest', () => {
    expect(result.problems).toEqual([
      { line: 12, message: 'The date "000231" is not a real date.', raw: ':61:000231C3,00N100NONREF' },
      { line: 13, message: 'The statement line ":61:000101CX,00N100NONREF" could not be read.', raw: ':61:000101CX,00N100NONREF' },
    ]);
  });

  it('leaves an unstructured :86: as the payee', () => {
    expect(details('  KPN BV  ')).toEqual({ payee: 'KPN BV', memo: null });
  });
});

describe('parseMt940 refusals', () => {
  it('refuses empty text', () => {
    expect(refusal(() => parseMt940('\r\n')).code).toBe('empty');
  });

  it('refuses CSV text as unrecognised', () => {
    expect(refusal(() => parseMt940('Date,Description,Amount\n01/31/2024,COFFEE,-3.50\n')).code).toBe('unrecognised');
  });

  it('refuses a statement cut off before its closing balance', () => {
    const text = bankFixture('mt940_jejik_ing.sta');
    expect(refusal(() => parseMt940(text.slice(0, text.indexOf(':62F:')))).code).toBe('truncated');
  });
});
