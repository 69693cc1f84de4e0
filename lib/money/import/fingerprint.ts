import { createHash } from 'node:crypto';
import { fromMinor, minorToDecimal, minorUnits, type CurrencyCode } from '@/lib/currency';

// The original app's two de-duplication keys, kept so a migrating household's overlapping exports
// are recognised the same way: content_hash over date, amount (two decimals), the trimmed
// lower-cased description and the account; global_hash the same without the account (the same
// transaction seen on another account: imported, with a warning).

type Fingerprinted = { bookedOn: string; amountMinor: bigint; currency: CurrencyCode; payee: string };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function basis(row: Fingerprinted): string {
  return `${row.bookedOn}|${twoDecimals(row.amountMinor, row.currency)}|${row.payee.trim().toLowerCase()}`;
}

// The amount as the original hashed it: two decimals. Exact without Decimal for the usual
// currencies (a hash per imported row: 100,000 Decimal round trips were a tenth of an import).
function twoDecimals(minor: bigint, currency: CurrencyCode): string {
  const digits = minorUnits(currency);
  if (digits === 2) return fromMinor(minor, currency);
  if (digits === 0) return `${minor}.00`;
  return minorToDecimal(minor, currency).toFixed(2);
}

export function contentHash(row: Fingerprinted, accountId: string): string {
  return sha256(`${basis(row)}|${accountId}`);
}

export function globalHash(row: Fingerprinted): string {
  return sha256(basis(row));
}

/** The file's own hash: the same bytes imported twice into an account add nothing. */
export function fileHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
