import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type CurrencyCode, isCurrencyCode, parseMoney } from '@/lib/currency';
import { ImportFileError, type ParsedRow, type ParsedStatement, type ParseResult, type RowProblem } from '../statement';
import { leaf, lineFinder, list, node, type XmlNode } from './xml-nodes';

// ISO 20022 camt.053 (bank-to-customer statement), any version from 001.02 on: elements are matched
// by local name, so the namespace's version number does not matter.

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  isArray: (name) => ['Stmt', 'Bal', 'Ntry', 'TxDtls', 'Ustrd', 'Strd'].includes(name),
});

// Entries and balances get their start line as an attribute before parsing (prefix optional).
const LINE_TAGGED = /<((?:[\w.-]+:)?(?:Ntry|Bal|Stmt))(?=[\s>/])/g;

export function parseCamt053(text: string): ParseResult {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') throw new ImportFileError('The file is empty.', 'empty');
  if (!/<(?:[\w.-]+:)?Document[\s>]/.test(source) || !/BkToCstmrStmt|camt\.053/.test(source)) {
    throw new ImportFileError('This is not a camt.053 bank statement.', 'unrecognised');
  }
  const lineOf = lineFinder(source);
  const tagged = source.replace(LINE_TAGGED, (_, tag: string, offset: number) => `<${tag} line="${lineOf(offset)}"`);
  const valid = XMLValidator.validate(tagged);
  if (valid !== true) {
    if (!/<\/(?:[\w.-]+:)?Document>\s*$/.test(tagged)) throw new ImportFileError('The camt.053 file is cut short: it ends before </Document>.', 'truncated');
    throw new ImportFileError(`The camt.053 file is malformed at line ${valid.err.line}: ${valid.err.msg}`, 'invalid');
  }
  const statementsXml = list(node(node(node(parser.parse(tagged)).Document).BkToCstmrStmt).Stmt);
  if (statementsXml.length === 0) throw new ImportFileError('This camt.053 file holds no statement (Stmt).', 'unrecognised');

  const lines = source.split('\n');
  const problems: RowProblem[] = [];
  const notes: string[] = [];
  const statements = statementsXml.map((stmt) => readStatement(stmt, lines, problems, notes));
  return { format: 'camt053', preset: null, statements, problems, notes };
}

function readStatement(stmt: XmlNode, lines: string[], problems: RowProblem[], notes: string[]): ParsedStatement {
  const acct = node(stmt.Acct);
  const id = node(acct.Id);
  const balances = list(stmt.Bal);
  const entries = list(stmt.Ntry);
  const declared = leaf(acct.Ccy);
  const currency = [declared, ...balances.map((b) => attr(b.Amt, 'Ccy')), ...entries.map((e) => attr(e.Amt, 'Ccy'))].find(
    (c): c is CurrencyCode => isCurrencyCode(c),
  );
  if (!currency) throw new ImportFileError(`The statement ${leaf(stmt.Id) ?? ''} names no currency.`, 'invalid');
  const fail = (where: XmlNode, message: string) => {
    const line = Number(where['@_line']);
    problems.push({ line, message, raw: (lines[line - 1] ?? '').replace(/\r$/, '').trim().slice(0, 200) });
  };

  const balance = (codes: string[]): ParsedStatement['openingBalance'] => {
    const bal = codes.map((code) => balances.find((b) => balanceCode(b) === code)).find(Boolean);
    if (!bal) return null;
    const amount = signedAmount(bal);
    const on = dateOf(bal.Dt);
    if (!amount || !on) {
      fail(bal, `The ${codes[0]} balance could not be read (amount "${leaf(bal.Amt) ?? ''}", date "${on ?? ''}").`);
      return null;
    }
    if (amount.currency !== currency) notes.push(`The ${codes[0]} balance is in ${amount.currency}, not the account's ${currency}.`);
    return { amountMinor: amount.minor, on };
  };

  const rows: ParsedRow[] = [];
  for (const entry of entries) {
    const amount = signedAmount(entry);
    if (!amount) {
      fail(entry, `The amount "${leaf(entry.Amt) ?? ''}" ${attr(entry.Amt, 'Ccy') ?? ''} could not be read.`);
      continue;
    }
    const bookedOn = dateOf(entry.BookgDt) ?? dateOf(entry.ValDt);
    if (!bookedOn) {
      fail(entry, 'The entry has no booking date (BookgDt) that is a real date.');
      continue;
    }
    const details = list(node(entry.NtryDtls).TxDtls);
    const info = leaf(entry.AddtlNtryInf);
    // The other side: who was paid on a debit, who paid on a credit. Pty wraps it from 001.08.
    const side = amount.minor < 0n ? 'Cdtr' : 'Dbtr';
    const counterparty = details.map((tx) => node(node(tx.RltdPties)[side])).map((p) => leaf(p.Nm) ?? leaf(node(p.Pty).Nm)).find(Boolean);
    const remittance = details.map((tx) => node(tx.RmtInf));
    const unstructured = remittance.flatMap((r) => asArray(r.Ustrd).map(leaf)).filter((u): u is string => u !== null);
    const creditorRef = remittance.flatMap((r) => list(r.Strd)).map((s) => leaf(node(s.CdtrRefInf).Ref)).find(Boolean);
    const payee = counterparty ?? info ?? leaf(details[0]?.AddtlTxInf) ?? '';
    const memo = unstructured.length > 0 ? unstructured.join(' ') : (creditorRef ?? (info !== payee ? info : null));
    const status = leaf(entry.Sts) ?? leaf(node(entry.Sts).Cd);
    rows.push({
      line: Number(entry['@_line']),
      bookedOn,
      valueOn: dateOf(entry.ValDt),
      amountMinor: amount.minor,
      currency: amount.currency,
      payee,
      merchant: null,
      memo,
      reference: leaf(entry.AcctSvcrRef) ?? leaf(entry.NtryRef),
      status: status === 'BOOK' ? 'cleared' : 'pending', // PDNG, and INFO (not yet booked either)
      category: null,
      runningBalanceMinor: null,
    });
  }

  return {
    accountId: leaf(id.IBAN) ?? leaf(node(id.Othr).Id),
    accountName: leaf(acct.Nm),
    accountType: null,
    currency,
    openingBalance: balance(['OPBD', 'PRCD']),
    closingBalance: balance(['CLBD']),
    rows,
  };
}

function balanceCode(bal: XmlNode): string | null {
  const tp = node(node(bal.Tp).CdOrPrtry);
  return leaf(tp.Cd) ?? leaf(tp.Prtry);
}

/** Amt with its Ccy, negative when CdtDbtInd is DBIT. */
function signedAmount(holder: XmlNode): { minor: bigint; currency: CurrencyCode } | null {
  const value = leaf(holder.Amt);
  const currency = attr(holder.Amt, 'Ccy');
  if (!value || !isCurrencyCode(currency)) return null;
  try {
    const minor = parseMoney(value, currency);
    return { minor: leaf(holder.CdtDbtInd) === 'DBIT' ? -minor : minor, currency };
  } catch {
    return null;
  }
}

/** `<Dt>2014-12-31</Dt>` or `<DtTm>2014-12-31T10:00:00+01:00</DtTm>` → the date as written. */
function dateOf(holder: unknown): string | null {
  const h = node(holder);
  const value = leaf(h.Dt) ?? leaf(h.DtTm);
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (!match) return null;
  const [, y = 0, m = 0, d = 0] = match.map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? match[0] : null;
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function attr(value: unknown, name: string): string | null {
  const raw = node(value)[`@_${name}`];
  return typeof raw === 'string' ? raw : null;
}
