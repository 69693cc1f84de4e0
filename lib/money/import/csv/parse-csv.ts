import { type CurrencyCode, isCurrencyCode, parseMoney } from '@/lib/currency';
import { ImportFileError, type ParseResult, type ParsedRow, type ParsedStatement, type RowProblem } from '../statement';
import { readDate } from './dates';
import { type ColumnRef, MERCHANT_MAX, type Mapping } from './mapping';
import { type NumberFormat, isBlankAmount, parseAmountText } from './numbers';
import { type CsvRecord, normaliseText, readRecords } from './records';

// A decoded CSV and its mapping → statement rows. Pure. Every cell is kept as the bank wrote it
// (a payee "=HYPERLINK(…)" stays text: escaping formulas is the export's job); a row that can't be
// read becomes a problem naming its line and the value, and the other rows still come through.

const RAW_MAX = 200;

function resolver(headers: string[] | null) {
  const index = (ref: ColumnRef): number => {
    if (typeof ref === 'number') return ref;
    const wanted = ref.trim().toLowerCase();
    const found = headers?.findIndex((h) => h.trim().toLowerCase() === wanted) ?? -1;
    if (found < 0) {
      throw new ImportFileError(
        headers ? `The file has no column "${ref}" (its columns: ${headers.filter(Boolean).join(', ')}).` : `The file has no header, so column "${ref}" can't be found: use column numbers.`,
        'invalid',
      );
    }
    return found;
  };
  return index;
}

export function parseCsv(text: string, mapping: Mapping, options: { currency?: CurrencyCode } = {}): ParseResult {
  const normalised = normaliseText(text);
  const { records, errors } = readRecords(normalised, mapping.delimiter);
  const problems: RowProblem[] = errors.map((e) => ({ line: e.line, message: `This line could not be read as CSV: ${e.message}`, raw: e.raw.slice(0, RAW_MAX) }));
  if (records.length === 0) throw new ImportFileError('The file has no rows.', 'empty');

  const headerRow = mapping.headerRow;
  if (headerRow !== null && headerRow >= records.length) throw new ImportFileError(`The file has fewer than ${headerRow + 1} rows, so it has no header where the mapping expects one.`, 'invalid');
  const headers = headerRow === null ? null : records[headerRow]!.cells.map((c) => c.trim());
  const preamble = headerRow === null ? [] : records.slice(0, headerRow);
  const body = records.slice(headerRow === null ? 0 : headerRow + 1, records.length - mapping.skipFooterRows);
  const index = resolver(headers);
  const at = (ref: ColumnRef | null): number | null => (ref === null ? null : index(ref));

  const col = {
    date: at(mapping.columns.date),
    fallbackDate: at(mapping.columns.fallbackDate),
    valueDate: at(mapping.columns.valueDate),
    payee: at(mapping.columns.payee),
    fallbackPayee: at(mapping.columns.fallbackPayee),
    memo: at(mapping.columns.memo),
    reference: at(mapping.columns.reference),
    category: at(mapping.columns.category),
    runningBalance: at(mapping.columns.runningBalance),
    currency: at(mapping.columns.currency),
    status: at(mapping.onlyStatus?.column ?? null),
  };
  const amount =
    mapping.amount.kind === 'single'
      ? { kind: 'single' as const, column: index(mapping.amount.column) }
      : mapping.amount.kind === 'debit_credit'
        ? { kind: 'debit_credit' as const, debit: index(mapping.amount.debit), credit: index(mapping.amount.credit) }
        : {
            kind: 'indicator' as const,
            column: index(mapping.amount.column),
            indicator: index(mapping.amount.indicator),
            debit: new Set(mapping.amount.debitValues.map((v) => v.toLowerCase())),
            credit: new Set(mapping.amount.creditValues.map((v) => v.toLowerCase())),
          };
  const merchantSpec = mapping.merchant;
  const merchantCols =
    merchantSpec.kind === 'column'
      ? { column: index(merchantSpec.column) }
      : merchantSpec.kind === 'counterparty'
        ? { income: index(merchantSpec.income), expense: index(merchantSpec.expense) }
        : {};
  const merchantRegex = merchantSpec.kind === 'regex' ? new RegExp(merchantSpec.pattern, 'u') : null;
  const skipPatterns = mapping.skipPatterns.map((p) => new RegExp(p, 'iu'));
  const skipPayee = mapping.skipPayeePatterns.map((p) => new RegExp(p, 'iu'));
  const statuses = new Set(mapping.onlyStatus?.values.map((v) => v.toLowerCase()) ?? []);

  const firstCurrency = col.currency === null ? null : body.map((r) => r.cells[col.currency!]?.trim().toUpperCase() ?? '').find(isCurrencyCode);
  const currency = mapping.currency ?? options.currency ?? firstCurrency ?? null;
  if (!currency) throw new ImportFileError('The file does not say its currency: choose one for this import.', 'invalid');
  const format: NumberFormat = mapping.numberFormat;

  const rows: ParsedRow[] = [];
  const skipped = { pattern: 0, payee: 0, status: 0, incomplete: 0, footer: mapping.skipFooterRows };
  let badBalances = 0;

  for (const record of body) {
    const cell = (i: number | null) => (i === null ? '' : (record.cells[i]?.trim() ?? ''));
    const problem = (message: string) => problems.push({ line: record.line, message, raw: record.raw.slice(0, RAW_MAX) });

    if (skipPatterns.some((re) => re.test(record.raw))) {
      skipped.pattern++;
      continue;
    }
    if (col.status !== null && !statuses.has(cell(col.status).toLowerCase())) {
      skipped.status++;
      continue;
    }

    const dateText = cell(col.date) || cell(col.fallbackDate);
    const amountCells = amount.kind === 'debit_credit' ? [cell(amount.debit), cell(amount.credit)] : [cell(amount.column)];
    const noAmount = amountCells.every(isBlankAmount);
    if (mapping.skipIncompleteRows && (dateText === '' || noAmount)) {
      skipped.incomplete++;
      continue;
    }
    if (dateText === '') {
      problem(record.cells.length <= (col.date ?? 0) ? `This row has no date column (it has ${record.cells.length} cells).` : 'The date is missing.');
      continue;
    }
    const date = readDate(dateText, mapping.dateFormat);
    if (!date.ok) {
      problem(date.reason === 'impossible' ? `The date "${dateText}" is not a real date.` : `The date "${dateText}" does not match ${mapping.dateFormat}.`);
      continue;
    }
    let valueOn: string | null = null;
    const valueText = cell(col.valueDate);
    if (valueText !== '') {
      const value = readDate(valueText, mapping.dateFormat);
      if (!value.ok) {
        problem(`The value date "${valueText}" is not a ${value.reason === 'impossible' ? 'real date' : `date in ${mapping.dateFormat}`}.`);
        continue;
      }
      valueOn = value.date;
    }

    const rowCurrencyText = cell(col.currency).toUpperCase();
    const rowCurrency: CurrencyCode = isCurrencyCode(rowCurrencyText) ? rowCurrencyText : currency;

    const minor = readAmount(amount, cell, format, rowCurrency, problem);
    if (minor === null) continue;
    const amountMinor = mapping.sign === 'invert' ? -minor : minor;

    const payee = cell(col.payee) || cell(col.fallbackPayee);
    if (payee !== '' && skipPayee.some((re) => re.test(payee))) {
      skipped.payee++;
      continue;
    }

    let merchant: string | null = null;
    if (merchantSpec.kind === 'column') merchant = cell(merchantCols.column ?? null);
    else if (merchantSpec.kind === 'counterparty') merchant = cell(amountMinor >= 0n ? (merchantCols.income ?? null) : (merchantCols.expense ?? null));
    else if (merchantSpec.kind === 'split') merchant = payee.split(merchantSpec.separator)[0]!.trim();
    else if (merchantSpec.kind === 'first_words') merchant = payee.split(/\s+/).slice(0, merchantSpec.count).join(' ');
    else if (merchantRegex) merchant = merchantRegex.exec(payee)?.[merchantSpec.kind === 'regex' ? merchantSpec.group : 0]?.trim() ?? null;
    merchant = merchant ? merchant.slice(0, MERCHANT_MAX).trim() || null : null;

    let runningBalanceMinor: bigint | null = null;
    const balanceText = cell(col.runningBalance);
    if (balanceText !== '' && !isBlankAmount(balanceText)) {
      runningBalanceMinor = toMinorOrNull(balanceText, format, rowCurrency);
      if (runningBalanceMinor === null) badBalances++;
    }

    rows.push({
      line: record.line,
      bookedOn: date.date,
      valueOn,
      amountMinor,
      currency: rowCurrency,
      payee: payee || merchant || '',
      merchant,
      memo: cell(col.memo) || null,
      reference: cell(col.reference) || null,
      status: 'cleared',
      category: cell(col.category) || null,
      runningBalanceMinor,
    });
  }

  const notes: string[] = [];
  if (skipped.payee > 0) notes.push(`${skipped.payee} payment row${s(skipped.payee)} skipped (payee matched ${mapping.skipPayeePatterns.join(' / ')}), as the original import did.`);
  if (skipped.status > 0) notes.push(`${skipped.status} row${s(skipped.status)} skipped because the status was not ${mapping.onlyStatus?.values.join(' / ')}.`);
  if (skipped.incomplete > 0) notes.push(`${skipped.incomplete} row${s(skipped.incomplete)} without a date or amount skipped (balance lines).`);
  if (skipped.pattern > 0) notes.push(`${skipped.pattern} row${s(skipped.pattern)} skipped by the mapping's skip patterns.`);
  if (skipped.footer > 0) notes.push(`${skipped.footer} footer row${s(skipped.footer)} skipped.`);
  if (badBalances > 0) notes.push(`${badBalances} running balance${s(badBalances)} could not be read and were left out.`);
  if (preamble.length > 0) notes.push(`${preamble.length} line${s(preamble.length)} before the header skipped.`);

  const statement: ParsedStatement = {
    accountId: null,
    accountName: null,
    accountType: mapping.accountType,
    currency,
    openingBalance: mapping.balances?.opening ? preambleBalance(preamble, mapping.balances.opening, mapping, currency) : null,
    closingBalance: mapping.balances?.closing ? preambleBalance(preamble, mapping.balances.closing, mapping, currency) : null,
    rows,
  };
  problems.sort((a, b) => a.line - b.line);
  return { format: 'csv', preset: mapping.id ?? 'mapping', statements: [statement], problems, notes };
}

const s = (n: number) => (n === 1 ? '' : 's');

type ResolvedAmount =
  | { kind: 'single'; column: number }
  | { kind: 'debit_credit'; debit: number; credit: number }
  | { kind: 'indicator'; column: number; indicator: number; debit: Set<string>; credit: Set<string> };

function readAmount(amount: ResolvedAmount, cell: (i: number | null) => string, format: NumberFormat, currency: CurrencyCode, problem: (message: string) => void): bigint | null {
  const one = (text: string): bigint | null => {
    const decimal = parseAmountText(text, format);
    if (decimal === null) {
      problem(`The amount "${text}" is not a number.`);
      return null;
    }
    try {
      return parseMoney(decimal, currency);
    } catch (error) {
      problem(`The amount "${text}": ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  };
  if (amount.kind === 'debit_credit') {
    const [debitText, creditText] = [cell(amount.debit), cell(amount.credit)];
    if (isBlankAmount(debitText) && isBlankAmount(creditText)) {
      problem('The amount is missing (both the debit and the credit cell are blank).');
      return null;
    }
    const debit = isBlankAmount(debitText) ? 0n : one(debitText);
    const credit = isBlankAmount(creditText) ? 0n : one(creditText);
    if (debit === null || credit === null) return null;
    return abs(credit) - abs(debit);
  }
  const text = cell(amount.column);
  if (isBlankAmount(text)) {
    problem('The amount is missing.');
    return null;
  }
  const value = one(text);
  if (value === null || amount.kind === 'single') return value;
  const indicator = cell(amount.indicator).toLowerCase();
  if (amount.debit.has(indicator)) return -abs(value);
  if (amount.credit.has(indicator)) return abs(value);
  problem(`The debit/credit marker "${cell(amount.indicator)}" is neither ${[...amount.debit, ...amount.credit].join(' nor ')}.`);
  return null;
}

const abs = (n: bigint) => (n < 0n ? -n : n);

function toMinorOrNull(text: string, format: NumberFormat, currency: CurrencyCode): bigint | null {
  const decimal = parseAmountText(text, format);
  if (decimal === null) return null;
  try {
    return parseMoney(decimal, currency);
  } catch {
    return null;
  }
}

/** A "Ending balance as of 11/28/2025,,"73,754.29"" line: date from the pattern's group 1, amount from the last filled cell. */
function preambleBalance(preamble: CsvRecord[], pattern: string, mapping: Mapping, currency: CurrencyCode): { amountMinor: bigint; on: string } | null {
  const re = new RegExp(pattern, 'iu');
  for (const record of preamble) {
    const match = re.exec(record.cells[0]?.trim() ?? '');
    if (!match) continue;
    const on = match[1] ? readDate(match[1], mapping.dateFormat) : null;
    const last = [...record.cells].reverse().find((c) => c.trim() !== '' && c !== record.cells[0]);
    const amountMinor = last === undefined ? null : toMinorOrNull(last, mapping.numberFormat, currency);
    if (on?.ok && amountMinor !== null) return { amountMinor, on: on.date };
  }
  return null;
}
