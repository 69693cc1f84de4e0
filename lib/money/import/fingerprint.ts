import { createHash } from 'node:crypto';
import { minorToDecimal, type CurrencyCode } from '@/lib/currency';

// The original app's two de-duplication keys, kept so a migrating household's overlapping exports
// are recognised the same way: content_hash over date, amount (two decimals), the trimmed
// lower-cased description and the account; global_hash the same without the account (the same
// transaction seen on another account: imported, with a warning).

type Fingerprinted = { bookedOn: string; amountMinor: bigint; currency: CurrencyCode; payee: string };

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function basis(row: Fingerprinted): string {
  return [row.bookedOn, minorToDecimal(row.amountMinor, row.currency).toFixed(2), row.payee.trim().toLowerCase()].join('|');
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
