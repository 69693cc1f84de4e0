import { bankFixture } from '../../../../helpers/shared-fixtures';
import { describe, expect, it } from 'vitest';
import { parseQif, qifDate } from '@/lib/money/import/formats/qif';
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

describe('parseQif on the fixtures', () => {
  it('reads the sample bank QIF: dates, amounts, payees, memos, categories, check number', () => {
    const result = parseQif(bankFixture('test_quicken_import.sample_qif_bank.qif'));
    expect(result.format).toBe('qif');
    expect(result.problems).toEqual([]);
    expect(result.statements).toHaveLength(1);
    const statement = result.statements[0]!;
    expect(statement).toMatchObject({ accountId: null, accountType: null, currency: 'USD', openingBalance: null, closingBalance: null });
    expect(statement.rows.map((r) => [r.line, r.bookedOn, r.amountMinor, r.payee, r.memo, r.category, r.reference, r.status])).toEqual([
      [2, '2024-12-15', -15000n, 'AMAZON.COM', 'ORDER #123-456', 'Online Shopping', null, 'cleared'],
      [8, '2024-12-10', 150000n, 'PAYROLL', 'BI-WEEKLY SALARY', 'Income:Salary', null, 'cleared'],
      [14, '2024-12-05', -4550n, 'STARBUCKS', 'Coffee', 'Food:Dining', '1001', 'cleared'],
    ]);
  });

  it('takes the currency from the options (QIF has none): -45.50 is no JPY amount', () => {
    const result = parseQif(bankFixture('test_quicken_import.sample_qif_bank.qif'), { currency: 'JPY' });
    expect(result.statements[0]!.rows.map((r) => [r.currency, r.amountMinor])).toEqual([
      ['JPY', -150n],
      ['JPY', 1500n],
    ]);
    expect(result.problems).toEqual([{ line: 15, message: 'The amount "-45.50" is not a JPY amount.', raw: 'T-45.50' }]);
  });

  it('reads the QIF csv2ofx wrote for UBS: an !Account block, ISO dates, no P on the first record', () => {
    const result = parseQif(bankFixture('csv2ofx_ubs_ch_fr.expected.qif'), { currency: 'CHF' });
    const statement = result.statements[0]!;
    expect(statement).toMatchObject({ accountId: '0123 45678901.23A', accountName: '0123 45678901.23A', currency: 'CHF' });
    expect(statement.rows.map((r) => [r.line, r.bookedOn, r.amountMinor, r.payee, r.reference])).toEqual([
      [6, '2019-03-31', -1000n, 'Solde prix prestations', 'A01234BC01234567'],
      [12, '2019-02-28', 24000n, 'ASSOCIATION FOO-BAR', '3456789ZT1234567'],
      [19, '2019-04-27', -20000n, 'Quuz-baz SàrL, CH - 1203 GENEVE, E-Banking CHF intérieur', '9979360TI2115087'],
    ]);
  });
});

describe('qifDate', () => {
  it('reads the six date forms Quicken writes', () => {
    expect(qifDate("12/15'2024", 'mdy')).toBe('2024-12-15');
    expect(qifDate("1/5'05", 'mdy')).toBe('2005-01-05');
    expect(qifDate(" 1/ 5' 5", 'mdy')).toBeNull(); // a one-digit year is not a date
    expect(qifDate(" 1/ 5'05", 'mdy')).toBe('2005-01-05');
    expect(qifDate('12/15/24', 'mdy')).toBe('2024-12-15');
    expect(qifDate('12/15/98', 'mdy')).toBe('1998-12-15');
    expect(qifDate('12/15/2024', 'mdy')).toBe('2024-12-15');
    expect(qifDate('15/12/2024', 'dmy')).toBe('2024-12-15');
    expect(qifDate('2024-12-15', 'dmy')).toBe('2024-12-15');
  });

  it('refuses dates that are not real', () => {
    expect(qifDate('02/30/2024', 'mdy')).toBeNull();
    expect(qifDate('15/12/2024', 'mdy')).toBeNull();
    expect(qifDate('yesterday', 'mdy')).toBeNull();
  });
});

describe('parseQif on derived files', () => {
  it('splits a multi-account file into one statement per account, with the account types', () => {
    const text = [
      '!Option:AutoSwitch',
      '!Account',
      'NEveryday',
      'TBank',
      '^',
      'NVisa',
      'TCCard',
      '^',
      '!Clear:AutoSwitch',
      '!Account',
      'NEveryday',
      'TBank',
      '^',
      '!Type:Bank',
      "D1/31'2024",
      'T-1,234.56',
      'PRENT',
      'CX',
      '^',
      '!Account',
      'NVisa',
      'TCCard',
      '^',
      '!Type:CCard',
      'D01/15/2024',
      'U-9.99',
      'PNETFLIX',
      'L[Everyday]',
      '^',
      '!Type:Cat',
      'NFood',
      '^',
    ].join('\n');
    const result = parseQif(text, { currency: 'USD' });
    expect(result.statements.map((s) => [s.accountId, s.accountType, s.rows.map((r) => [r.line, r.bookedOn, r.amountMinor, r.payee, r.category])])).toEqual([
      ['Everyday', null, [[15, '2024-01-31', -123456n, 'RENT', null]]],
      ['Visa', 'credit_card', [[25, '2024-01-15', -999n, 'NETFLIX', '[Everyday]']]],
    ]);
    expect(result.notes).toEqual(['The "!Type:Cat" section (line 30) is not bank transactions and was skipped.']);
  });

  it('reads day-first dates when told, and a last record with no ^', () => {
    const statement = parseQif('!Type:Cash\nD31/01/2024\nT-5.00\nPMARKET', { dateOrder: 'dmy', currency: 'EUR' }).statements[0]!;
    expect(statement.accountType).toBe('cash');
    expect(statement.rows.map((r) => [r.bookedOn, r.amountMinor, r.currency])).toEqual([['2024-01-31', -500n, 'EUR']]);
  });

  it('reports a bad date and a bad amount with their lines and keeps the good rows', () => {
    const text = ['!Type:Bank', 'D12/01/2024', 'T-1.00', 'PGOOD ONE', '^', 'D13/45/2024', 'T-2.00', 'PBAD DATE', '^', 'D12/03/2024', 'Tabc', 'PBAD AMOUNT', '^', 'PNO DATE', 'T1.00', '^', 'D12/04/2024', 'T4.00', 'PGOOD TWO', '^'].join('\r\n');
    const result = parseQif(text);
    expect(result.statements[0]!.rows.map((r) => [r.line, r.payee])).toEqual([
      [2, 'GOOD ONE'],
      [17, 'GOOD TWO'],
    ]);
    expect(result.problems).toEqual([
      { line: 6, message: 'The date "13/45/2024" is not a real date.', raw: 'D13/45/2024' },
      { line: 11, message: 'The amount "abc" is not a USD amount.', raw: 'Tabc' },
      { line: 14, message: 'The transaction has no date (D line).', raw: 'PNO DATE' },
    ]);
  });
});

describe('parseQif refusals', () => {
  it('refuses empty text', () => {
    expect(refusal(() => parseQif('\n\n')).code).toBe('empty');
  });

  it('refuses CSV text as unrecognised', () => {
    expect(refusal(() => parseQif('Date,Description,Amount\n01/31/2024,COFFEE,-3.50\n')).code).toBe('unrecognised');
  });
});
