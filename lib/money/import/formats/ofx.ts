import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { type CurrencyCode, isCurrencyCode, parseMoney } from '@/lib/currency';
import { ImportFileError, type ParsedRow, type ParsedStatement, type ParseResult, type RowProblem } from '../statement';
import { leaf, lineFinder, list, node, type XmlNode } from './xml-nodes';

// OFX 1.x (SGML: leaf tags never closed) and OFX 2.x (XML), QFX being OFX with Intuit's tags.
// Both are brought to XML and read with fast-xml-parser. The 1.x → XML step (closing the leaf tags)
// is hand-written: no OFX library is a dependency, and a short line-preserving rewrite lets every
// row keep the line it starts on, which the preview names.

export type OfxOptions = { defaultCurrency?: CurrencyCode; format?: 'ofx' | 'qfx' };

// Aggregates whose start line we need (rows, and statements for ordering); tagged as an attribute.
const LINE_TAGGED = /<(STMTTRN|STMTTRNRS|CCSTMTTRNRS|LEDGERBAL)>/g;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false, // FITIDs like 0012 and amounts stay text
  isArray: (name) => name === 'STMTTRNRS' || name === 'CCSTMTTRNRS' || name === 'STMTTRN',
});

export function parseOfx(text: string, options: OfxOptions = {}): ParseResult {
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') throw new ImportFileError('The file is empty.', 'empty');
  const start = source.search(/<OFX>/i);
  if (start < 0) {
    if (/^\s*(OFXHEADER|<\?xml[^>]*>\s*<\?OFX)/i.test(source)) throw new ImportFileError('The OFX file stops before its <OFX> section.', 'truncated');
    throw new ImportFileError('This is not an OFX or QFX file.', 'unrecognised');
  }
  const header = source.slice(0, start);
  const isXml = /<\?xml|<\?OFX|OFXHEADER\s*=\s*"2/i.test(header);
  // Every rewrite below keeps line breaks where they were, so offsets still map to the file's lines.
  let body = isXml ? source.slice(start) : closeLeafTags(source.slice(start));
  const firstLine = header.split('\n').length;
  const lineOf = lineFinder(body);
  body = body.replace(LINE_TAGGED, (_, tag: string, offset: number) => `<${tag} line="${firstLine + lineOf(offset) - 1}">`);

  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    if (!/<\/OFX>\s*$/i.test(body)) throw new ImportFileError('The OFX file is cut short: it ends before </OFX>.', 'truncated');
    throw new ImportFileError(`The OFX file is malformed near line ${firstLine + valid.err.line - 1}: ${valid.err.msg}`, 'invalid');
  }
  const ofx = node(node(parser.parse(body)).OFX);
  const problems: RowProblem[] = [];
  const notes: string[] = [];
  const lines = source.split('\n');
  const defaultCurrency = options.defaultCurrency ?? 'USD';

  const found: { line: number; statement: ParsedStatement }[] = [];
  for (const [group, wrapper, rs] of [['BANKMSGSRSV1', 'STMTTRNRS', 'STMTRS'], ['CREDITCARDMSGSRSV1', 'CCSTMTTRNRS', 'CCSTMTRS']] as const) {
    for (const trnrs of list(node(ofx[group])[wrapper])) {
      const stmt = node(trnrs[rs]);
      if (Object.keys(stmt).length === 0) continue; // a failed request: STATUS only
      const statement = readStatement(stmt, group === 'CREDITCARDMSGSRSV1', defaultCurrency, lines, problems, notes);
      found.push({ line: Number(trnrs['@_line'] ?? 0), statement });
    }
  }
  if (found.length === 0) throw new ImportFileError('This OFX file holds no bank or credit card statement.', 'invalid');

  const qfx = options.format === 'qfx' || /<INTU\.BID>/i.test(body);
  return {
    format: qfx ? 'qfx' : 'ofx',
    preset: null,
    statements: found.sort((a, b) => a.line - b.line).map((f) => f.statement),
    problems: problems.sort((a, b) => a.line - b.line),
    notes,
  };
}

function readStatement(stmt: XmlNode, creditCard: boolean, fallback: CurrencyCode, lines: string[], problems: RowProblem[], notes: string[]): ParsedStatement {
  const curdef = leaf(stmt.CURDEF)?.toUpperCase() ?? null;
  const currency = curdef && isCurrencyCode(curdef) ? curdef : fallback;
  if (curdef && currency !== curdef) notes.push(`Unknown currency "${curdef}" in the file; amounts were read as ${currency}.`);
  const account = node(creditCard ? stmt.CCACCTFROM : stmt.BANKACCTFROM);
  const acctType = leaf(account.ACCTTYPE)?.toUpperCase();

  const rows: ParsedRow[] = [];
  for (const trn of list(node(stmt.BANKTRANLIST).STMTTRN)) {
    const line = Number(trn['@_line']);
    const fail = (message: string) => problems.push({ line, message, raw: rawLine(lines, line) });
    const dateText = leaf(trn.DTPOSTED) ?? leaf(trn.DTUSER) ?? leaf(trn.DTAVAIL);
    const bookedOn = dateText ? ofxDate(dateText) : null;
    if (!bookedOn) {
      fail(dateText ? `The date "${dateText}" is not a real date.` : 'The transaction has no date (DTPOSTED).');
      continue;
    }
    const amountText = leaf(trn.TRNAMT);
    const amountMinor = amountText ? ofxAmount(amountText, currency) : null;
    if (amountMinor === null) {
      fail(amountText ? `The amount "${amountText}" is not a ${currency} amount.` : 'The transaction has no amount (TRNAMT).');
      continue;
    }
    const avail = leaf(trn.DTAVAIL);
    const memo = leaf(trn.MEMO);
    rows.push({
      line,
      bookedOn,
      valueOn: avail ? ofxDate(avail) : null,
      amountMinor,
      currency,
      payee: leaf(trn.NAME) ?? leaf(node(trn.PAYEE).NAME) ?? memo ?? '',
      merchant: null,
      memo,
      reference: leaf(trn.FITID),
      status: 'cleared', // OFX lists posted transactions only
      category: null,
      runningBalanceMinor: null,
    });
  }

  const ledger = node(stmt.LEDGERBAL);
  const balText = leaf(ledger.BALAMT);
  const balOn = leaf(ledger.DTASOF);
  let closingBalance: ParsedStatement['closingBalance'] = null;
  if (balText) {
    const amountMinor = ofxAmount(balText, currency);
    const on = balOn ? ofxDate(balOn) : null;
    if (amountMinor !== null && on) closingBalance = { amountMinor, on };
    else {
      const line = Number(ledger['@_line']);
      problems.push({ line, message: `The ledger balance "${balText}" on "${balOn ?? ''}" could not be read.`, raw: rawLine(lines, line) });
    }
  }

  return {
    accountId: leaf(account.ACCTID),
    accountName: null,
    accountType: creditCard ? 'credit_card' : acctType === 'SAVINGS' ? 'savings' : acctType === 'CHECKING' ? 'checking' : acctType === 'CREDITLINE' ? 'loan' : null,
    currency,
    openingBalance: null,
    closingBalance,
    rows,
  };
}

/** OFX 1.x leaves (`<TRNAMT>-1.00`) get their end tag; text is XML-escaped. Line breaks stay put. */
function closeLeafTags(sgml: string): string {
  const tags = [...sgml.matchAll(/<(\/?)([A-Za-z0-9._]+)[^>]*>/g)];
  let out = sgml.slice(0, tags[0]?.index ?? sgml.length);
  tags.forEach((tag, i) => {
    const end = tag.index + tag[0].length;
    const next = tags[i + 1];
    const between = sgml.slice(end, next?.index ?? sgml.length);
    const value = between.trimEnd();
    const [whole, slash, name = ''] = tag;
    const closed = next?.[1] === '/' && next[2]?.toUpperCase() === name.toUpperCase();
    if (slash === '' && value.trim() !== '' && !closed) out += `${whole}${escapeText(value)}</${name}>${between.slice(value.length)}`;
    else out += whole + (value.trim() === '' ? between : escapeText(between));
  });
  return out;
}

function escapeText(value: string): string {
  return value.replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/gi, '&amp;');
}

/** `20050824080000.000[-7:PDT]` or `20240131` → `2024-01-31` (the date as the bank wrote it, no zone shift). */
function ofxDate(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})/.exec(value.trim());
  if (!match) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : null;
}

/** OFX allows a decimal comma (`-16,85`); no thousands separators. */
function ofxAmount(value: string, currency: CurrencyCode): bigint | null {
  const text = value.trim().replace(/^([+-]?\d*),(\d+)$/, '$1.$2');
  try {
    return parseMoney(text, currency);
  } catch {
    return null;
  }
}

function rawLine(lines: string[], line: number): string {
  return (lines[line - 1] ?? '').replace(/\r$/, '').slice(0, 200);
}

