import { bankFixture } from '../../../../helpers/shared-fixtures';
import { describe, expect, it } from 'vitest';
import { parseCamt053 } from '@/lib/money/import/formats/camt053';
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

/** What genkgo/camt's dump (the .expected.json beside each fixture) says, in our terms. */
type Dump = {
  getEntries: {
    getAccountServicerReference: string | null;
    getAmount: { getAmount: string; getCurrency: { getCode: string } };
    getBookingDate: { 0: string };
    getValueDate: { 0: string };
    getStatus: string;
    getReference: string | null;
    getRecord: {
      getAccount: { getIdentification: string };
      getBalances: { getAmount: { getAmount: string; getCurrency: { getCode: string } }; getDate: { 0: string }; getType: string }[];
    };
    getTransactionDetail: {
      getRelatedParties: { getRelatedPartyType: { __CLASS__: string; getName: string } }[];
      getRemittanceInformation: { getMessage: string };
    };
  }[];
};

function expectedFrom(name: string) {
  const dump = JSON.parse(bankFixture(name)) as Dump;
  const record = dump.getEntries[0]!.getRecord;
  const balance = (type: string) => {
    const b = record.getBalances.find((x) => x.getType === type)!;
    return { amountMinor: BigInt(b.getAmount.getAmount), on: b.getDate[0].slice(0, 10) };
  };
  return {
    accountId: record.getAccount.getIdentification,
    openingBalance: balance('opening'),
    closingBalance: balance('closing'),
    rows: dump.getEntries.map((e) => ({
      bookedOn: e.getBookingDate[0].slice(0, 10),
      valueOn: e.getValueDate[0].slice(0, 10),
      amountMinor: BigInt(e.getAmount.getAmount),
      currency: e.getAmount.getCurrency.getCode,
      status: e.getStatus === 'BOOK' ? 'cleared' : 'pending',
      reference: e.getAccountServicerReference ?? e.getReference,
      // A credit: the payee is the debtor.
      payee: e.getTransactionDetail.getRelatedParties.find((p) => p.getRelatedPartyType.__CLASS__.endsWith('\\Debtor'))!.getRelatedPartyType.getName,
      memo: e.getTransactionDetail.getRemittanceInformation.getMessage,
    })),
  };
}

describe('parseCamt053 on the genkgo/camt fixtures', () => {
  for (const [xml, json] of [
    ['genkgo_camt053.v2.minimal.xml', 'genkgo_camt053.v2.minimal.expected.json'],
    ['genkgo_camt053.v4.xml', 'genkgo_camt053.v4.expected.json'],
  ] as const) {
    it(`matches ${json}`, () => {
      const text = bankFixture(xml);
      const result = parseCamt053(text);
      const expected = expectedFrom(json);
      expect(result.format).toBe('camt053');
      expect(result.problems).toEqual([]);
      expect(result.statements).toHaveLength(1);
      const statement = result.statements[0]!;
      expect(statement).toMatchObject({ accountId: expected.accountId, currency: 'EUR', openingBalance: expected.openingBalance, closingBalance: expected.closingBalance });
      expect(statement.rows).toHaveLength(expected.rows.length);
      expect(statement.rows).toMatchObject(expected.rows);
      expect(statement.rows[0]!.line).toBe(text.split('\n').findIndex((l) => l.trim() === '<Ntry>') + 1);
      // The file's CLBD is in SEK though the account is in EUR; the statement has no place for that.
      expect(result.notes).toEqual(["The CLBD balance is in SEK, not the account's EUR."]);
    });
  }

  it('reads the v2 values literally too', () => {
    const statement = parseCamt053(bankFixture('genkgo_camt053.v2.minimal.xml')).statements[0]!;
    expect(statement.openingBalance).toEqual({ amountMinor: 1815n, on: '2014-12-30' });
    expect(statement.closingBalance).toEqual({ amountMinor: -2700n, on: '2014-12-31' });
    expect(statement.rows[0]).toMatchObject({ line: 90, bookedOn: '2014-12-31', valueOn: '2015-01-02', amountMinor: 885n, payee: 'NAME NAME', reference: null });
  });
});

// A newer version (001.08): prefixed elements, Sts/Cd, Pty-wrapped parties, DtTm, several Ustrd.
const V8 = `<?xml version="1.0" encoding="UTF-8"?>
<camt:Document xmlns:camt="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <camt:BkToCstmrStmt>
    <camt:Stmt>
      <camt:Id>S1</camt:Id>
      <camt:Acct><camt:Id><camt:IBAN>DE89370400440532013000</camt:IBAN></camt:Id><camt:Ccy>EUR</camt:Ccy><camt:Nm>Giro</camt:Nm></camt:Acct>
      <camt:Bal><camt:Tp><camt:CdOrPrtry><camt:Cd>PRCD</camt:Cd></camt:CdOrPrtry></camt:Tp><camt:Amt Ccy="EUR">100.00</camt:Amt><camt:CdtDbtInd>DBIT</camt:CdtDbtInd><camt:Dt><camt:Dt>2024-01-31</camt:Dt></camt:Dt></camt:Bal>
      <camt:Ntry>
        <camt:NtryRef>N-1</camt:NtryRef>
        <camt:Amt Ccy="EUR">1234.50</camt:Amt>
        <camt:CdtDbtInd>DBIT</camt:CdtDbtInd>
        <camt:Sts><camt:Cd>PDNG</camt:Cd></camt:Sts>
        <camt:BookgDt><camt:DtTm>2024-02-01T09:30:00+01:00</camt:DtTm></camt:BookgDt>
        <camt:NtryDtls><camt:TxDtls>
          <camt:RltdPties><camt:Dbtr><camt:Pty><camt:Nm>Me</camt:Nm></camt:Pty></camt:Dbtr><camt:Cdtr><camt:Pty><camt:Nm>Landlord GmbH</camt:Nm></camt:Pty></camt:Cdtr></camt:RltdPties>
          <camt:RmtInf><camt:Ustrd>Rent February</camt:Ustrd><camt:Ustrd>Flat 3</camt:Ustrd></camt:RmtInf>
        </camt:TxDtls></camt:NtryDtls>
      </camt:Ntry>
      <camt:Ntry>
        <camt:Amt Ccy="EUR">12,5</camt:Amt>
        <camt:CdtDbtInd>CRDT</camt:CdtDbtInd>
        <camt:Sts><camt:Cd>BOOK</camt:Cd></camt:Sts>
        <camt:BookgDt><camt:Dt>2024-02-02</camt:Dt></camt:BookgDt>
      </camt:Ntry>
      <camt:Ntry>
        <camt:Amt Ccy="EUR">7.00</camt:Amt>
        <camt:CdtDbtInd>CRDT</camt:CdtDbtInd>
        <camt:Sts><camt:Cd>BOOK</camt:Cd></camt:Sts>
        <camt:BookgDt><camt:Dt>2024-02-30</camt:Dt></camt:BookgDt>
      </camt:Ntry>
      <camt:Ntry>
        <camt:Amt Ccy="EUR">5.00</camt:Amt>
        <camt:CdtDbtInd>CRDT</camt:CdtDbtInd>
        <camt:Sts><camt:Cd>BOOK</camt:Cd></camt:Sts>
        <camt:BookgDt><camt:Dt>2024-02-03</camt:Dt></camt:BookgDt>
        <camt:ValDt><camt:Dt>2024-02-04</camt:Dt></camt:ValDt>
        <camt:AcctSvcrRef>BANK-9</camt:AcctSvcrRef>
        <camt:AddtlNtryInf>INTEREST</camt:AddtlNtryInf>
      </camt:Ntry>
    </camt:Stmt>
    <camt:Stmt>
      <camt:Id>S2</camt:Id>
      <camt:Acct><camt:Id><camt:Othr><camt:Id>12345</camt:Id></camt:Othr></camt:Id></camt:Acct>
      <camt:Bal><camt:Tp><camt:CdOrPrtry><camt:Cd>CLBD</camt:Cd></camt:CdOrPrtry></camt:Tp><camt:Amt Ccy="CHF">9.95</camt:Amt><camt:CdtDbtInd>CRDT</camt:CdtDbtInd><camt:Dt><camt:Dt>2024-02-29</camt:Dt></camt:Dt></camt:Bal>
    </camt:Stmt>
  </camt:BkToCstmrStmt>
</camt:Document>
`;

/** The 1-based lines where V8's four entries start. */
const NTRY_LINES = V8.split('\n').flatMap((l, i) => (l.trim() === '<camt:Ntry>' ? [i + 1] : []));

describe('parseCamt053 on later versions', () => {
  it('reads prefixed 001.08 elements, pending status, Pty names, several statements', () => {
    const result = parseCamt053(V8);
    const [first, second] = result.statements;
    if (!first) throw new Error("no statement");
    expect(first).toMatchObject({ accountId: 'DE89370400440532013000', accountName: 'Giro', currency: 'EUR', openingBalance: { amountMinor: -10000n, on: '2024-01-31' }, closingBalance: null });
    expect(first.rows.map((r) => [r.line, r.bookedOn, r.valueOn, r.amountMinor, r.status, r.payee, r.memo, r.reference])).toEqual([
      [NTRY_LINES[0], '2024-02-01', null, -123450n, 'pending', 'Landlord GmbH', 'Rent February Flat 3', 'N-1'],
      [NTRY_LINES[3], '2024-02-03', '2024-02-04', 500n, 'cleared', 'INTEREST', null, 'BANK-9'],
    ]);
    expect(second).toMatchObject({ accountId: '12345', currency: 'CHF', closingBalance: { amountMinor: 995n, on: '2024-02-29' }, rows: [] });
  });

  it('reports an unreadable amount and an impossible date with their lines, keeping the rest', () => {
    const { problems } = parseCamt053(V8);
    expect(NTRY_LINES).toEqual([8, 19, 25, 31]);
    expect(problems.map((p) => [p.line, p.message, p.raw])).toEqual([
      [NTRY_LINES[1], 'The amount "12,5" EUR could not be read.', '<camt:Ntry>'],
      [NTRY_LINES[2], 'The entry has no booking date (BookgDt) that is a real date.', '<camt:Ntry>'],
    ]);
  });
});

describe('parseCamt053 refusals', () => {
  it('refuses empty text', () => {
    expect(refusal(() => parseCamt053('')).code).toBe('empty');
  });

  it('refuses CSV and other XML as unrecognised', () => {
    expect(refusal(() => parseCamt053('Date,Amount\n2024-01-01,1.00\n')).code).toBe('unrecognised');
    expect(refusal(() => parseCamt053(bankFixture('ofxparse_suncorp_ofx200_xml_cdata.ofx'))).code).toBe('unrecognised');
  });

  it('refuses a truncated file', () => {
    const text = bankFixture('genkgo_camt053.v4.xml');
    expect(refusal(() => parseCamt053(text.slice(0, text.indexOf('</Ntry>')))).code).toBe('truncated');
  });
});
