import type { CurrencyCode } from '@/lib/currency/currency-code';

// What every bank-file parser returns, whatever the format: statements (one per account the file
// holds) of rows in file order, and the rows it could not read, each with the line it came from so
// the preview can name it. Parsers are pure: bytes (already decoded to text) in, this out — no
// database, no rules, no de-duplication; those run on this shape afterwards.

export type ImportFormat = 'csv' | 'ofx' | 'qfx' | 'qif' | 'camt053' | 'mt940';

export type ParsedRow = {
  /** 1-based line in the decoded file where the row starts (for a multi-line record: its first line). */
  line: number;
  /** Booked / posted date, `YYYY-MM-DD`. */
  bookedOn: string;
  /** Value date where the file has one, `YYYY-MM-DD`. */
  valueOn: string | null;
  /** Signed amount in the currency's minor units: negative is money out. */
  amountMinor: bigint;
  currency: CurrencyCode;
  /** The payee/description as the bank wrote it (trimmed, inner whitespace kept). */
  payee: string;
  /** A cleaner merchant the format itself gives (e.g. Amex: text before the first double space), else null. */
  merchant: string | null;
  memo: string | null;
  /** The bank's own id for the transaction (OFX FITID, CAMT AcctSvcrRef/NtryRef, a CSV reference column), else null. */
  reference: string | null;
  status: 'pending' | 'cleared';
  /** Category the file carries (QIF `L`, a CSV category column), else null. */
  category: string | null;
  /** Running balance after this row when the file prints one (BofA "Running Bal."), minor units. */
  runningBalanceMinor: bigint | null;
};

export type ParsedStatement = {
  /** The account as the file names it (OFX ACCTID, CAMT IBAN, MT940 :25:, QIF !Account N), else null. */
  accountId: string | null;
  accountName: string | null;
  /** Account type when the format says (OFX CREDITCARDMSGSRSV1 → credit_card; QIF !Type:CCard). */
  accountType: 'checking' | 'savings' | 'credit_card' | 'cash' | 'loan' | 'investment' | null;
  currency: CurrencyCode;
  /** Opening balance the file states (CAMT OPBD, MT940 :60F:), minor units, with its date. */
  openingBalance: { amountMinor: bigint; on: string } | null;
  /** Closing balance the file states (OFX LEDGERBAL, CAMT CLBD, MT940 :62F:, BofA ending balance). */
  closingBalance: { amountMinor: bigint; on: string } | null;
  rows: ParsedRow[];
};

export type RowProblem = {
  /** 1-based line in the decoded file. */
  line: number;
  /** What is wrong, for a person: "The date "31/02/2024" is not a real date." */
  message: string;
  /** The raw text of the line (cut to 200 characters). */
  raw: string;
};

export type ParseResult = {
  format: ImportFormat;
  /** A CSV preset's id ('bofa_checking', 'amex', …) or 'mapping' for a saved/wizard mapping; null for the other formats. */
  preset: string | null;
  statements: ParsedStatement[];
  problems: RowProblem[];
  /** File-level notes that are not row errors (e.g. "3 AUTOPAY payment rows skipped as the original did"). */
  notes: string[];
};

/** A whole-file refusal: empty, binary, truncated, not this format. The message is for a person. */
export class ImportFileError extends Error {
  constructor(
    message: string,
    readonly code: 'empty' | 'binary' | 'truncated' | 'unrecognised' | 'invalid',
  ) {
    super(message);
    this.name = 'ImportFileError';
  }
}
