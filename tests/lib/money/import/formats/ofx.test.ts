import { bankFixture } from '../../../../helpers/shared-fixtures';
import { describe, expect, it } from 'vitest';
import { parseOfx } from '@/lib/money/import/formats/ofx';
import { ImportFileError } from '@/lib/money/import/statement';

/** 1-based line of the n-th line whose text is exactly `<TAG>` (after indentation). */
function lineOf(text: string, tag: string, nth = 0): number {
  const lines = text.split('\n').map((l, i) => [l.trim(), i + 1] as const).filter(([l]) => l === tag);
  return lines[nth]![1];
}

function refusal(fn: () => unknown): ImportFileError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ImportFileError) return error;
    throw error;
  }
  throw new Error('expected an ImportFileError');
}

describe('parseOfx on the fixtures', () => {
  it('reads the Suncorp OFX 2.0 XML file with CDATA names (ofxparse TestSuncorpBankStatement)', () => {
    const text = bankFixture('ofxparse_suncorp_ofx200_xml_cdata.ofx');
    const result = parseOfx(text);
    expect(result.format).toBe('ofx');
    expect(result.problems).toEqual([]);
    expect(result.statements).toHaveLength(1);
    const statement = result.statements[0]!;
    expect(statement).toMatchObject({ accountId: '123456789', accountType: 'checking', currency: 'AUD', closingBalance: { amountMinor: 123412n, on: '2013-12-15' } });
    expect(statement.rows).toEqual([
      {
        line: lineOf(text, '<STMTTRN>'),
        bookedOn: '2013-12-15',
        valueOn: null,
        amountMinor: -1685n,
        currency: 'AUD',
        payee: 'EFTPOS WDL HANDYWAY ALDI STORE',
        merchant: null,
        memo: 'EFTPOS WDL HANDYWAY ALDI STORE   GEELONG WEST VICAU',
        reference: '1',
        status: 'cleared',
        category: null,
        runningBalanceMinor: null,
      },
    ]);
  });

  it('reads both accounts of the OFX 2.1.1 multiple-accounts file (balances only, [-7:PDT] dates)', () => {
    const result = parseOfx(bankFixture('ofxparse_multiple_accounts_ofx211_xml.ofx'));
    expect(result.statements.map((s) => [s.accountId, s.accountType, s.currency, s.closingBalance, s.rows.length])).toEqual([
      ['9100', 'checking', 'USD', { amountMinor: 11100n, on: '2012-06-03' }, 0],
      ['9200', 'savings', 'USD', { amountMinor: 22200n, on: '2012-06-03' }, 0],
    ]);
  });

  it('reads the OFX 1.02 SGML sample QFX, and names it qfx when told or when it has INTU.BID', () => {
    const text = bankFixture('test_quicken_import.sample_qfx.qfx');
    const result = parseOfx(text);
    expect(result.format).toBe('ofx'); // this sample has no Intuit tags
    const statement = result.statements[0]!;
    expect(statement).toMatchObject({ accountId: '987654321', accountType: 'checking', currency: 'USD', closingBalance: null });
    expect(statement.rows.map((r) => [r.line, r.bookedOn, r.amountMinor, r.payee, r.memo, r.reference])).toEqual([
      [lineOf(text, '<STMTTRN>', 0), '2024-12-15', -15000n, 'AMAZON.COM', 'ORDER #123-456', '2024121500001'],
      [lineOf(text, '<STMTTRN>', 1), '2024-12-10', 150000n, 'PAYROLL', 'BI-WEEKLY SALARY', '2024121000001'],
      [lineOf(text, '<STMTTRN>', 2), '2024-12-05', -4550n, 'STARBUCKS', null, '2024120500001'],
    ]);
    expect(parseOfx(text, { format: 'qfx' }).format).toBe('qfx');
    expect(parseOfx(text.replace('</LANGUAGE>', '</LANGUAGE>\n<INTU.BID>3000')).format).toBe('qfx');
  });

  it('reads the OFX that csv2ofx wrote for GLS and Outbank (SGML header, closed tags)', () => {
    const gls = parseOfx(bankFixture('csv2ofx_gls.expected.ofx')).statements[0]!;
    expect(gls.currency).toBe('EUR');
    expect(gls.rows.map((r) => [r.bookedOn, r.amountMinor, r.payee, r.memo])).toEqual([['2017-10-10', -9876n, 'Drillisch Online AG', 'SEPA-Basislastschrift']]);
    const outbank = parseOfx(bankFixture('csv2ofx_outbank.expected.ofx')).statements[0]!;
    expect(outbank.rows.map((r) => [r.bookedOn, r.amountMinor, r.payee])).toEqual([
      ['2019-02-20', 10000n, 'Jane Doe'],
      ['2019-02-08', -6389n, 'Shell Gas'],
      ['2019-01-21', -4700n, 'Vattenfall Europe Energy'],
      ['2019-01-05', -2500n, 'PayPal Europe S.a.r.l. et Cie S.C.A'],
    ]);
  });
});

// OFX 1.x as banks send it: leaf tags left open, several tags to a line, a raw `&`.
const SGML_CARD = [
  'OFXHEADER:100', // 1
  'DATA:OFXSGML',
  'VERSION:102',
  '',
  '<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20240201</SONRS></SIGNONMSGSRSV1>', // 5
  '<CREDITCARDMSGSRSV1><CCSTMTTRNRS><TRNUID>1',
  '<CCSTMTRS><CURDEF>EUR<CCACCTFROM><ACCTID>4111XXXX1111</CCACCTFROM>',
  '<BANKTRANLIST>',
  '<STMTTRN><TRNTYPE>DEBIT<DTUSER>20240130<DTAVAIL>20240202<TRNAMT>-12,50<FITID>A1<PAYEE><NAME>M&S FOOD</PAYEE><MEMO>Card 1111', // 9
  '</STMTTRN>',
  '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240131<TRNAMT>twelve<FITID>A2<NAME>BAD ROW</STMTTRN>', // 11
  '<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240231<TRNAMT>-1.00<FITID>A3<NAME>BAD DATE</STMTTRN>', // 12
  '<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20240131120000[-5:EST]<TRNAMT>+100.00<FITID>A4<NAME>REFUND &amp; CO</STMTTRN>', // 13
  '</BANKTRANLIST><LEDGERBAL><BALAMT>-87.50<DTASOF>20240131</LEDGERBAL>',
  '</CCSTMTRS></CCSTMTTRNRS></CREDITCARDMSGSRSV1></OFX>',
].join('\r\n');

describe('parseOfx on OFX 1.x SGML', () => {
  it('reads a credit card statement, keeps the good rows and reports the bad ones with their line', () => {
    const result = parseOfx(SGML_CARD);
    const statement = result.statements[0]!;
    expect(statement).toMatchObject({ accountId: '4111XXXX1111', accountType: 'credit_card', currency: 'EUR', closingBalance: { amountMinor: -8750n, on: '2024-01-31' } });
    expect(statement.rows.map((r) => [r.line, r.bookedOn, r.valueOn, r.amountMinor, r.payee, r.memo, r.reference])).toEqual([
      [9, '2024-01-30', '2024-02-02', -1250n, 'M&S FOOD', 'Card 1111', 'A1'],
      [13, '2024-01-31', null, 10000n, 'REFUND & CO', null, 'A4'],
    ]);
    expect(result.problems.map((p) => [p.line, p.message, p.raw.slice(0, 9)])).toEqual([
      [11, 'The amount "twelve" is not a EUR amount.', '<STMTTRN>'],
      [12, 'The date "20240231" is not a real date.', '<STMTTRN>'],
    ]);
  });

  it('uses defaultCurrency when the statement has no CURDEF', () => {
    const result = parseOfx(SGML_CARD.replace('<CURDEF>EUR', ''), { defaultCurrency: 'GBP' });
    expect(result.statements[0]!.currency).toBe('GBP');
    expect(result.statements[0]!.rows[0]!.amountMinor).toBe(-1250n);
  });
});

describe('parseOfx refusals', () => {
  it('refuses empty text', () => {
    expect(refusal(() => parseOfx('  \n')).code).toBe('empty');
  });

  it('refuses CSV text as unrecognised', () => {
    expect(refusal(() => parseOfx('Date,Description,Amount\n01/31/2024,COFFEE,-3.50\n')).code).toBe('unrecognised');
  });

  it('refuses a truncated XML or SGML file', () => {
    const xml = bankFixture('ofxparse_suncorp_ofx200_xml_cdata.ofx');
    expect(refusal(() => parseOfx(xml.slice(0, xml.indexOf('</STMTTRN>')))).code).toBe('truncated');
    const sgml = bankFixture('test_quicken_import.sample_qfx.qfx');
    expect(refusal(() => parseOfx(sgml.slice(0, sgml.indexOf('</BANKTRANLIST>')))).code).toBe('truncated');
    expect(refusal(() => parseOfx('OFXHEADER:100\nDATA:OFXSGML\n')).code).toBe('truncated');
  });

  it('refuses an OFX file with no bank or card statement', () => {
    expect(refusal(() => parseOfx('<OFX><SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE></STATUS></SONRS></SIGNONMSGSRSV1></OFX>')).code).toBe('invalid');
  });
});
