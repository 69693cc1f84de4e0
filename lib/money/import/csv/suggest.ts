import { type CurrencyCode, isCurrencyCode } from '@/lib/currency';
import { type DateFormat, detectDateFormat } from './dates';
import { type AmountSpec, type ColumnRef, type Mapping, type MappingInput, headerSignature, mappingSchema } from './mapping';
import { AMOUNT_SHARE, type NumberFormat, detectNumberFormat, isBlankAmount, parseAmountText } from './numbers';
import { normaliseText, readRecords } from './records';
import { sniff } from './sniff';

// The wizard's first guess for a CSV nobody has mapped yet: delimiter, header, which column is
// what, date and number formats, sign. What the file can't tell (day/month order, which of three
// description columns is the payee …) comes back as questions for the person, never as a guess.

export type MappingQuestion =
  | { kind: 'date_format'; blocking: true; message: string; column: ColumnRef; options: DateFormat[]; samples: string[] }
  | { kind: 'number_format'; blocking: true; message: string; options: NumberFormat[]; samples: string[] }
  | { kind: 'column'; field: 'date' | 'amount' | 'payee'; blocking: boolean; message: string; options: ColumnRef[] }
  | { kind: 'sign'; blocking: false; message: string; suggested: 'invert'; positiveShare: number }
  | { kind: 'currency'; blocking: true; message: string };

/** A mapping with the parts the file could not decide left null. */
export type MappingDraft = Omit<Mapping, 'columns' | 'amount' | 'dateFormat' | 'numberFormat'> & {
  columns: Omit<Mapping['columns'], 'date'> & { date: ColumnRef | null };
  amount: AmountSpec | null;
  dateFormat: DateFormat | null;
  numberFormat: NumberFormat | null;
};

export type MappingSuggestion = {
  /** Ready to parse with, or null while a blocking question is open. */
  mapping: Mapping | null;
  draft: MappingDraft;
  questions: MappingQuestion[];
  /** The header cells (or "Column 1" … for a file without a header). */
  headers: string[];
  /** headerSignature(headers) when the file has a header: look a saved mapping up with it. */
  headerSignature: string | null;
  notes: string[];
};

const SAMPLE_ROWS = 200;

function normaliseHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9#]+/g, ' ')
    .trim();
}

const KEYWORDS = {
  date: ['date', 'datum', 'datetime', 'posting date', 'posted date', 'post date', 'transaction date', 'booking date', 'buchungstag', 'buchungsdatum', 'fecha', 'data'],
  valueDate: ['value date', 'valuta', 'valutadatum', 'wertstellung', 'wertstellungsdatum', 'date de valeur', 'valeur', 'fecha valor'],
  amount: ['amount', 'betrag', 'montant', 'importe', 'importo', 'bedrag', 'amount total', 'transaction amount', 'umsatz', 'summe', 'sum'],
  debit: ['debit', 'debit amount', 'soll', 'withdrawal', 'withdrawals', 'money out', 'paid out', 'ausgang', 'belastung', 'charges'],
  credit: ['credit', 'credit amount', 'haben', 'deposit', 'deposits', 'money in', 'paid in', 'eingang', 'gutschrift'],
  balance: ['balance', 'running bal', 'running balance', 'saldo', 'solde', 'kontostand', 'closing balance'],
  payee: [
    'payee', 'description', 'name', 'merchant', 'beneficiary', 'counterparty', 'auftraggeber empfanger', 'empfanger', 'auftraggeber', 'zahlungsempfanger',
    'begunstigter', 'beschreibung', 'libelle', 'beneficiaire', 'omschrijving', 'naam', 'descrizione', 'concepto', 'narrative', 'details', 'payee name',
  ],
  memo: ['memo', 'note', 'notes', 'reason', 'verwendungszweck', 'purpose', 'buchungstext', 'remarks', 'mitteilung', 'communication', 'extended details'],
  reference: ['reference', 'reference number', 'ref', 'referenz', 'transaction id', 'transaction number', 'n de transaction', 'no de transaction', 'fitid', 'id'],
  category: ['category', 'kategorie', 'categorie', 'categoria'],
  currency: ['currency', 'wahrung', 'waehrung', 'devise', 'monnaie', 'monn', 'moneda', 'ccy'],
  identifier: ['#', 'id', 'account', 'account #', 'konto', 'kontonummer', 'number', 'nummer', 'card', 'card no', 'iban', 'bic', 'zip', 'zip code', 'plz', 'check', 'cheque', 'posting key', 'reference'],
} as const;
type Role = keyof typeof KEYWORDS;

/** 3 for an exact keyword, 1 for a keyword among the header's words, else 0. */
function keywordScore(name: string, role: Role): number {
  const padded = ` ${name} `;
  let score = 0;
  for (const keyword of KEYWORDS[role]) {
    if (name === keyword) return 3;
    if (padded.includes(` ${keyword} `)) score = 1;
  }
  return score;
}

type Column = {
  index: number;
  header: string;
  name: string;
  ref: ColumnRef;
  values: string[];
  dates: ReturnType<typeof detectDateFormat>;
  numeric: boolean;
  currencyCodes: boolean;
  distinct: number;
  averageLength: number;
};

const INDICATOR_PAIRS: [string[], string[]][] = [
  [['debit', 'débit', 'dr', 'd'], ['credit', 'crédit', 'cr', 'c']],
  [['s', 'soll'], ['h', 'haben']],
  [['withdrawal'], ['deposit']],
];

export function suggestMapping(text: string, options: { currency?: CurrencyCode } = {}): MappingSuggestion {
  const normalised = normaliseText(text);
  const sniffed = sniff(normalised);
  const { records } = readRecords(normalised, sniffed.delimiter);
  const headerRow = sniffed.headerRow;
  const data = records.slice(headerRow === null ? 0 : headerRow + 1).slice(0, SAMPLE_ROWS);
  const headerCells = headerRow === null ? [] : records[headerRow]!.cells.map((c) => c.trim());
  const width = Math.max(headerCells.length, ...data.map((r) => r.cells.length), 0);
  const headers = Array.from({ length: width }, (_, i) => (headerRow === null ? `Column ${i + 1}` : (headerCells[i] ?? '')));
  const nameCounts = new Map<string, number>();
  for (const h of headers) nameCounts.set(h.toLowerCase(), (nameCounts.get(h.toLowerCase()) ?? 0) + 1);

  const columns: Column[] = headers.map((header, index) => {
    const values = data.map((r) => r.cells[index]?.trim() ?? '').filter((v) => v !== '');
    const numbers = detectNumberFormat(values);
    const unique = headerRow !== null && header !== '' && nameCounts.get(header.toLowerCase()) === 1;
    return {
      index,
      header,
      name: headerRow === null ? '' : normaliseHeader(header),
      ref: unique ? header : index,
      values,
      dates: detectDateFormat(values),
      numeric: values.length > 0 && numbers.share >= AMOUNT_SHARE && values.some((v) => !isBlankAmount(v)),
      currencyCodes: values.length > 0 && values.filter((v) => isCurrencyCode(v.toUpperCase())).length / values.length >= AMOUNT_SHARE,
      distinct: new Set(values).size,
      averageLength: values.reduce((sum, v) => sum + v.length, 0) / Math.max(values.length, 1),
    };
  });
  const score = (c: Column, role: Role) => keywordScore(c.name, role);
  const questions: MappingQuestion[] = [];
  const notes: string[] = [];
  const used = new Set<number>();

  // Dates: columns where a format reads ≥ 80%; the booking date before the value date.
  const dateColumns = columns.filter((c) => c.dates.formats.length > 0 && !(c.numeric && score(c, 'date') === 0 && c.dates.formats.every((f) => f === 'YYYYMMDD') && score(c, 'amount') > 0));
  const ranked = [...dateColumns].sort((a, b) => Number(score(a, 'valueDate') > 0) - Number(score(b, 'valueDate') > 0) || score(b, 'date') - score(a, 'date') || a.index - b.index);
  const dateColumn = ranked[0] ?? null;
  const valueDateColumn = ranked.slice(1).find((c) => score(c, 'valueDate') > 0) ?? null;
  if (!dateColumn) questions.push({ kind: 'column', field: 'date', blocking: true, message: 'Which column holds the date?', options: columns.map((c) => c.ref) });
  else if (ranked.length > 1 && !valueDateColumn) {
    questions.push({ kind: 'column', field: 'date', blocking: false, message: `Several columns hold dates; "${headers[dateColumn.index]}" is used as the booking date.`, options: ranked.map((c) => c.ref) });
  }
  for (const c of [dateColumn, valueDateColumn]) if (c) used.add(c.index);

  let dateFormat: DateFormat | null = null;
  if (dateColumn) {
    const samples = [...dateColumn.values, ...(valueDateColumn?.values ?? [])];
    const detected = detectDateFormat(samples);
    if (detected.ambiguous) {
      questions.push({
        kind: 'date_format',
        blocking: true,
        message: 'No date in the file has a day above 12, so the day and the month can be read either way: which is it?',
        column: dateColumn.ref,
        options: detected.formats,
        samples: dateColumn.values.slice(0, 5),
      });
    } else dateFormat = detected.format;
  }

  // Amounts: numeric columns that are not dates, balances or identifiers.
  const numeric = columns.filter((c) => c.numeric && !used.has(c.index));
  const balanceColumn = [...numeric].sort((a, b) => score(b, 'balance') - score(a, 'balance'))[0];
  const runningBalance = balanceColumn && score(balanceColumn, 'balance') > 0 ? balanceColumn : null;
  if (runningBalance) used.add(runningBalance.index);
  const amountCandidates = numeric.filter((c) => c !== runningBalance);
  let amount: AmountSpec | null = null;
  const amountColumns: Column[] = [];
  const byAmountWord = topBy(amountCandidates, (c) => score(c, 'amount'));
  const debit = topBy(amountCandidates, (c) => score(c, 'debit'));
  const credit = topBy(amountCandidates, (c) => score(c, 'credit'));
  if (byAmountWord.length === 1) {
    amount = { kind: 'single', column: byAmountWord[0]!.ref };
    amountColumns.push(byAmountWord[0]!);
  } else if (byAmountWord.length === 0 && debit.length === 1 && credit.length === 1) {
    amount = { kind: 'debit_credit', debit: debit[0]!.ref, credit: credit[0]!.ref };
    amountColumns.push(debit[0]!, credit[0]!);
  } else {
    const plain = byAmountWord.length > 1 ? byAmountWord : amountCandidates.filter((c) => score(c, 'identifier') === 0 && score(c, 'reference') === 0);
    if (plain.length === 1) {
      amount = { kind: 'single', column: plain[0]!.ref };
      amountColumns.push(plain[0]!);
    } else {
      questions.push({
        kind: 'column',
        field: 'amount',
        blocking: true,
        message: plain.length === 0 ? 'No column looks like amounts: which one is it?' : 'Several columns hold numbers: which one is the amount?',
        options: (plain.length > 0 ? plain : columns.filter((c) => !used.has(c.index))).map((c) => c.ref),
      });
    }
  }
  for (const c of amountColumns) used.add(c.index);

  let numberFormat: NumberFormat | null = null;
  const numberSamples = [...amountColumns, ...(runningBalance ? [runningBalance] : [])].flatMap((c) => c.values);
  if (numberSamples.length > 0) {
    const detected = detectNumberFormat(numberSamples);
    if (detected.format) numberFormat = detected.format;
    else if (detected.ambiguous.length > 0) {
      questions.push({
        kind: 'number_format',
        blocking: true,
        message: 'The amounts can be read two ways (is "1,234" one thousand or one point two?): which format does the bank use?',
        options: detected.ambiguous,
        samples: numberSamples.slice(0, 5),
      });
    }
    if (detected.assumed) notes.push(`Number format: ${detected.assumed}`);
  }

  // Sign: an unsigned amount with a debit/credit marker column, or a card export (≥ 80% positive).
  let sign: Mapping['sign'] = 'as_is';
  if (amount?.kind === 'single' && numberFormat) {
    const parsed = amountColumns[0]!.values.map((v) => parseAmountText(v, numberFormat!)).filter((v): v is string => v !== null);
    const nonZero = parsed.filter((v) => /[1-9]/.test(v));
    const positive = nonZero.filter((v) => !v.startsWith('-')).length;
    const indicator = positive === nonZero.length && nonZero.length > 0 ? findIndicator(columns, used) : null;
    if (indicator) {
      amount = { kind: 'indicator', column: amount.column, indicator: indicator.column.ref, debitValues: indicator.debit, creditValues: indicator.credit };
      used.add(indicator.column.index);
      notes.push(`"${indicator.column.header}" says which way each amount went (${indicator.debit.join('/')} = money out).`);
    } else if (nonZero.length > 0 && positive / nonZero.length >= 0.8) {
      sign = 'invert';
      questions.push({
        kind: 'sign',
        blocking: false,
        suggested: 'invert',
        positiveShare: positive / nonZero.length,
        message: `${Math.round((100 * positive) / nonZero.length)}% of the amounts are positive, as in a card statement where spending is positive: signs are inverted. Keep them as they are if money out is already negative.`,
      });
    }
  }

  // Currency: a column of ISO codes, else the one given, else ask.
  const currencyColumn = columns.filter((c) => !used.has(c.index) && c.currencyCodes).sort((a, b) => score(b, 'currency') - score(a, 'currency'))[0] ?? null;
  if (currencyColumn) used.add(currencyColumn.index);
  const currency = options.currency ?? null;
  if (!currencyColumn && !currency) questions.push({ kind: 'currency', blocking: true, message: 'The file does not say its currency: which is it?' });

  // Payee: the description-like text column.
  const textColumns = columns.filter((c) => !used.has(c.index) && !c.numeric && c.dates.formats.length === 0 && c.values.length > 0);
  const varied = textColumns.filter((c) => c.distinct > 1 || c.values.length < 2);
  let payeeOptions = topBy(varied.length > 0 ? varied : textColumns, (c) => score(c, 'payee'));
  if (payeeOptions.length === 0) payeeOptions = [...textColumns].sort((a, b) => b.averageLength - a.averageLength);
  const payee = payeeOptions[0] ?? null;
  if (payeeOptions.length > 1) {
    questions.push({ kind: 'column', field: 'payee', blocking: false, message: `Which column names the payee? "${payee!.header}" is used for now.`, options: payeeOptions.map((c) => c.ref) });
  }
  if (payee) used.add(payee.index);

  const exact = (role: Role) => {
    const found = columns.find((c) => !used.has(c.index) && c.values.length > 0 && score(c, role) === 3) ?? null;
    if (found) used.add(found.index);
    return found?.ref ?? null;
  };
  const memo = exact('memo');
  const reference = exact('reference');
  const category = exact('category');

  const draft: MappingDraft = {
    version: 1,
    delimiter: sniffed.delimiter,
    encoding: null,
    headerRow,
    skipFooterRows: 0,
    skipPatterns: [],
    skipPayeePatterns: [],
    skipIncompleteRows: false,
    onlyStatus: null,
    columns: {
      date: dateColumn?.ref ?? null,
      fallbackDate: null,
      valueDate: valueDateColumn?.ref ?? null,
      payee: payee?.ref ?? null,
      fallbackPayee: null,
      memo,
      reference,
      category,
      runningBalance: runningBalance?.ref ?? null,
      currency: currencyColumn?.ref ?? null,
    },
    amount,
    currency,
    dateFormat,
    numberFormat,
    sign,
    merchant: { kind: 'none' },
    balances: null,
    accountType: null,
  };
  const blocked = questions.some((q) => q.blocking);
  const parsed = blocked ? null : mappingSchema.safeParse(draft);
  return {
    mapping: parsed?.success ? parsed.data : null,
    draft,
    questions,
    headers,
    headerSignature: headerRow === null ? null : headerSignature(headers),
    notes,
  };
}

/** The draft with the person's answers: validated, ready for parseCsv. Throws a ZodError when still incomplete. */
export function completeMapping(draft: MappingDraft, answers: Partial<Omit<MappingInput, 'columns'>> & { columns?: Partial<MappingInput['columns']> }): Mapping {
  return mappingSchema.parse({ ...draft, ...answers, columns: { ...draft.columns, ...answers.columns } });
}

function topBy<T>(items: T[], score: (item: T) => number): T[] {
  const best = Math.max(0, ...items.map(score));
  return best === 0 ? [] : items.filter((item) => score(item) === best);
}

function findIndicator(columns: Column[], used: Set<number>): { column: Column; debit: string[]; credit: string[] } | null {
  for (const column of columns) {
    if (used.has(column.index) || column.values.length === 0) continue;
    const seen = new Set(column.values.map((v) => v.toLowerCase()));
    for (const [debits, credits] of INDICATOR_PAIRS) {
      const debit = [...seen].filter((v) => debits.includes(v));
      const credit = [...seen].filter((v) => credits.includes(v));
      if (debit.length > 0 && credit.length > 0 && debit.length + credit.length === seen.size) {
        const original = (wanted: string[]) => [...new Set(column.values.filter((v) => wanted.includes(v.toLowerCase())))];
        return { column, debit: original(debit), credit: original(credit) };
      }
    }
  }
  return null;
}
