import { type CurrencyCode, isCurrencyCode, parseMoney } from '@/lib/currency';
import { ImportFileError, type ParsedRow, type ParsedStatement, type ParseResult, type RowProblem } from '../statement';

// SWIFT MT940 customer statements. Hand-written: it is a line format of `:tag:` fields, no MT940
// library is a dependency, and splitting the lines ourselves keeps each row's line for the preview.

type Tag = { tag: string; value: string; line: number };

// 6!n value date, [4!n] entry date, [R]D/C mark, [1!a] funds code, amount with decimal comma,
// 1!a3!c transaction type, then customer reference [//bank reference].
const STATEMENT_LINE = /^(\d{2})(\d{2})(\d{2})(\d{2}\d{2})?(R?[DC])([A-Z])?\n?(\d[\d,]*)([A-Z][A-Z0-9]{3})?([^\n]*)/;
const BALANCE = /^([CD])(\d{2})(\d{2})(\d{2})([A-Z]{3})([\d,]+)\s*$/;

export function parseMt940(text: string): ParseResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines.every((l) => l.trim() === '')) throw new ImportFileError('The file is empty.', 'empty');
  if (!lines.some((l) => l.startsWith(':20:')) || !lines.some((l) => l.startsWith(':25:'))) {
    throw new ImportFileError('This is not an MT940 statement (no :20: and :25: lines).', 'unrecognised');
  }

  const blocks: Tag[][] = [];
  let block: Tag[] | null = null;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\s+$/, '');
    const tag = /^:(\d{2}[A-Z]?):(.*)$/.exec(line);
    if (tag?.[1] === '20') blocks.push((block = []));
    if (!block) return; // the bank's preamble before the first :20: (ABNANL2A, 940, {1:…} blocks)
    const previous = block.at(-1);
    if (tag) block.push({ tag: tag[1] ?? '', value: tag[2] ?? '', line: index + 1 });
    else if (/^-(XXX)?$|^-\}/.test(line) || line.startsWith('{')) block = null; // end of message: preamble again until :20:
    else if (line !== '' && previous) previous.value += `\n${line}`;
  });

  const problems: RowProblem[] = [];
  const statements = blocks.map((tags) => readStatement(tags, lines, problems));
  return { format: 'mt940', preset: null, statements, problems, notes: [] };
}

function readStatement(tags: Tag[], lines: string[], problems: RowProblem[]): ParsedStatement {
  const fail = (tag: Tag, message: string) => problems.push({ line: tag.line, message, raw: (lines[tag.line - 1] ?? '').slice(0, 200) });
  const start = tags[0]?.line ?? 0;
  const opening = tags.find((t) => t.tag === '60F' || t.tag === '60M' || t.tag === '60');
  const closing = tags.find((t) => t.tag === '62F' || t.tag === '62M' || t.tag === '62');
  if (!closing) throw new ImportFileError(`The statement from line ${start} is cut short: it has no closing balance (:62F:).`, 'truncated');
  const currencyText = BALANCE.exec(opening?.value ?? closing.value)?.[5] ?? '';
  if (!isCurrencyCode(currencyText)) throw new ImportFileError(`The statement from line ${start} has no readable currency in its :60F: balance.`, 'invalid');
  const currency = currencyText;

  const balance = (tag: Tag | undefined): ParsedStatement['openingBalance'] => {
    if (!tag) return null;
    const match = BALANCE.exec(tag.value);
    const [, mark, yy = '', mm = '', dd = '', , amountText = ''] = match ?? [];
    const on = match ? swiftDate(yy, mm, dd) : null;
    const amount = match ? swiftAmount(amountText, currency) : null;
    if (!match || !on || amount === null) {
      fail(tag, `The balance ":${tag.tag}:${tag.value}" could not be read.`);
      return null;
    }
    return { amountMinor: mark === 'D' ? -amount : amount, on };
  };

  const rows: ParsedRow[] = [];
  let last: ParsedRow | null = null; // a :86: belongs to the :61: right before it
  for (const tag of tags) {
    if (tag.tag === '86' && last) {
      Object.assign(last, details(tag.value));
      last = null;
      continue;
    }
    last = null;
    if (tag.tag !== '61') continue;
    const match = STATEMENT_LINE.exec(tag.value);
    if (!match) {
      fail(tag, `The statement line ":61:${tag.value.split('\n')[0]}" could not be read.`);
      continue;
    }
    const [, yy = '', mm = '', dd = '', entry, mark, , amountText = '', , rest = ''] = match;
    const valueOn = swiftDate(yy, mm, dd);
    const bookedOn = entry ? entryDate(yy, mm, entry) : valueOn;
    if (!valueOn || !bookedOn) {
      fail(tag, `The date "${yy}${mm}${dd}${entry ?? ''}" is not a real date.`);
      continue;
    }
    const amount = swiftAmount(amountText, currency);
    if (amount === null) {
      fail(tag, `The amount "${amountText}" is not a ${currency} amount.`);
      continue;
    }
    const [customerRef = '', bankRef] = rest.split('//').map((r) => r.trim());
    last = {
      line: tag.line,
      bookedOn,
      valueOn,
      amountMinor: mark === 'D' || mark === 'RC' ? -amount : amount, // RC: a credit reversed is money out
      currency,
      payee: customerRef === 'NONREF' ? '' : customerRef, // until a :86: says more
      merchant: null,
      memo: null,
      reference: bankRef || null,
      status: 'cleared',
      category: null,
      runningBalanceMinor: null,
    };
    rows.push(last);
  }

  return {
    accountId: tags.find((t) => t.tag === '25')?.value.trim() || null,
    accountName: null,
    accountType: null,
    currency,
    openingBalance: balance(opening),
    closingBalance: balance(closing),
    rows,
  };
}

/** Payee and memo from :86:, structured (`/NAME/…/REMI/…`, German `?20…?32`) or free text. */
export function details(value: string): { payee: string; memo: string | null } {
  const text = value.trim();
  if (/^\/[A-Z]{2,5}\//.test(text) && /\/(NAME|REMI|CNTP)\//.test(text)) {
    // Lines are wrapped at 65 characters in the middle of values: glue them back without a space.
    const fields = new Map<string, string>();
    const flat = text.replace(/\n/g, '');
    const keys = /\/(TRTP|IBAN|BIC|NAME|REMI|EREF|MARF|CSID|ORDP|BENM|CNTP|ADDR|ID|RTRN|PREF|SVCL|ISDT|PURP|ULTC|ULTD|ULTB|ACCW|BUSP|BGC)\//g;
    const hits = [...flat.matchAll(keys)];
    hits.forEach((hit, i) => {
      const key = hit[1] ?? '';
      if (!fields.has(key)) fields.set(key, flat.slice(hit.index + hit[0].length, hits[i + 1]?.index ?? flat.length));
    });
    // Rabobank: /CNTP/iban/bic/name/city/ and /REMI/USTD//text/
    const name = fields.get('NAME') ?? fields.get('CNTP')?.split('/')[2];
    const remi = fields.get('REMI')?.replace(/^(USTD|STRD)\/\/?/, '').replace(/\/+$/, '');
    if (name?.trim()) return { payee: name.trim(), memo: remi?.trim() || null };
  }
  if (/^\d{3}\?\d{2}/.test(text.replace(/\n/g, ''))) {
    // German banks: ?20–?29 purpose, ?32–?33 the other side's name.
    const sub = new Map<string, string>();
    for (const part of text.replace(/\n/g, '').split('?').slice(1)) sub.set(part.slice(0, 2), (sub.get(part.slice(0, 2)) ?? '') + part.slice(2));
    const purpose = [...sub].filter(([k]) => (k >= '20' && k <= '29') || (k >= '60' && k <= '63')).map(([, v]) => v).join('').trim();
    const name = `${sub.get('32') ?? ''}${sub.get('33') ?? ''}`.trim();
    if (name || purpose) return { payee: name || purpose, memo: name ? purpose || null : null };
  }
  return { payee: text, memo: null };
}

function swiftDate(yy: string, mm: string, dd: string): string | null {
  // SWIFT years are two digits; 80–99 are read as 19xx (no bank statement from 2080 yet).
  const year = Number(yy) + (Number(yy) >= 80 ? 1900 : 2000);
  const date = new Date(Date.UTC(year, Number(mm) - 1, Number(dd)));
  if (date.getUTCMonth() !== Number(mm) - 1 || date.getUTCDate() !== Number(dd)) return null;
  return `${year}-${mm}-${dd}`;
}

/** The MMDD entry date takes the value date's year, one off where they straddle New Year. */
function entryDate(yy: string, valueMonth: string, mmdd: string): string | null {
  const month = Number(mmdd.slice(0, 2));
  let year = Number(yy);
  if (Number(valueMonth) === 12 && month === 1) year += 1;
  if (Number(valueMonth) === 1 && month === 12) year -= 1;
  return swiftDate(String((year + 100) % 100).padStart(2, '0'), mmdd.slice(0, 2), mmdd.slice(2));
}

/** `1234,56` → minor units (SWIFT always writes a decimal comma, and no thousands marks). */
function swiftAmount(value: string, currency: CurrencyCode): bigint | null {
  if (!/^\d+(,\d*)?$/.test(value)) return null;
  try {
    return parseMoney(value.replace(',', '.'), currency);
  } catch {
    return null;
  }
}
