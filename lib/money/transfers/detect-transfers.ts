// Transfer detection between a household's own accounts: money out of one account and the same
// money into another. Pure, no database. The original app only suggested transfers from the
// text (TRANSFER_PATTERNS, backend/app/routers/transfers.py) and left pairing to the person;
// Tessera also proposes the pairs.
import { AppError } from '@/lib/errors/app-error';
import { dayNumber } from '@/lib/money/recurring/dates';

/**
 * The original's list, in its order, plus one (last) (Python `re` with `(?i)`, tried with `search`, i.e. anywhere
 * in the text). Kept as written: `.*` may span words ("ACH ... PAYMENT"), `\s*` allows no space
 * ("AUTOPAY", "XFER", "BILLPAY").
 */
export const TRANSFER_PATTERNS: readonly RegExp[] = [
  /payment.*thank/i,
  /autopay/i,
  /auto\s*pay/i,
  /online\s*(pmt|payment)/i,
  /transfer\s*(from|to)/i,
  /xfer/i,
  /ach.*payment/i,
  /bill\s*pay/i,
  /electronic\s*payment/i,
  /payment\s*received/i,
  /credit\s*card\s*payment/i,
  /bank\s*transfer/i,
  /wire\s*transfer/i,
  /internal\s*transfer/i,
  /funds\s*transfer/i,
  /mobile\s*deposit/i, // the original's note: could be a transfer from another account
  /paypal\s*(transfer|instant|xfer)/i,
  /paypal.*bank/i,
  // Tessera's addition: "ONLINE TRANSFER REF #…" with neither "to" nor "from" after it.
  /online\s*transfer/i,
];

/**
 * Whether the text reads like a payment or transfer (case-insensitive, anywhere in the text).
 * The original checks "description merchant" joined by a space; pass the texts joined the same
 * way to match it exactly.
 */
export function looksLikeTransfer(text: string | null | undefined): boolean {
  if (!text) return false;
  return TRANSFER_PATTERNS.some((pattern) => pattern.test(text));
}

export interface TransferCandidate {
  id: string;
  accountId: string;
  bookedOn: string;
  amountMinor: bigint;
  currency: string;
  payee: string;
  memo?: string | null;
  /** Set when the transaction is already linked to its other half: it is not paired again. */
  transferId?: string | null;
}

export interface TransferOptions {
  /** Most days between the two halves, either order: a whole number 0–31, default 3. */
  windowDays?: number;
}

export interface TransferPair {
  outId: string;
  inId: string;
  /** |in date − out date|: the incoming half may be booked before the outgoing one. */
  days: number;
}

export const TRANSFER_DEFAULTS = { windowDays: 3 } as const;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function textLooksLikeTransfer(t: TransferCandidate): boolean {
  return looksLikeTransfer([t.payee, t.memo ?? ''].join(' '));
}

/**
 * Proposed transfer pairs. A pair is an outgoing and an incoming transaction with exactly
 * opposite amounts (out = −in, neither zero) in the same currency, on different accounts, at
 * most `windowDays` apart. Transactions already linked (`transferId`) are left out.
 *
 * Each transaction is in at most one pair, chosen greedily over all candidate pairs in this
 * order: fewest days apart; then how many of the two halves read like a transfer (payee + memo
 * against TRANSFER_PATTERNS: 2, 1, 0); then the outgoing half's date and id, then the incoming
 * half's date and id. The result therefore does not depend on the input order (ids are assumed
 * unique). Pairs come back ordered by the outgoing half's date, then its id.
 */
export function detectTransfers(transactions: readonly TransferCandidate[], options: TransferOptions = {}): TransferPair[] {
  const windowDays = options.windowDays ?? TRANSFER_DEFAULTS.windowDays;
  if (!Number.isInteger(windowDays) || windowDays < 0 || windowDays > 31) {
    throw new AppError('validation_failed', 'windowDays must be a whole number from 0 to 31.', { field: 'windowDays', value: windowDays });
  }

  interface Side {
    t: TransferCandidate;
    day: number;
    hint: boolean;
  }
  // Incoming halves by currency and amount, so each outgoing half looks only at its equals.
  const incoming = new Map<string, Side[]>();
  const outgoing: Side[] = [];
  for (const t of transactions) {
    const day = dayNumber(t.bookedOn);
    if (t.transferId || t.amountMinor === 0n) continue;
    const side = { t, day, hint: textLooksLikeTransfer(t) };
    if (t.amountMinor < 0n) outgoing.push(side);
    else {
      const key = `${t.currency}\u0000${t.amountMinor}`;
      const list = incoming.get(key);
      if (list) list.push(side);
      else incoming.set(key, [side]);
    }
  }

  const candidates: { out: Side; in: Side; days: number; hints: number }[] = [];
  for (const out of outgoing) {
    for (const inn of incoming.get(`${out.t.currency}\u0000${-out.t.amountMinor}`) ?? []) {
      if (inn.t.accountId === out.t.accountId) continue;
      const days = Math.abs(inn.day - out.day);
      if (days > windowDays) continue;
      candidates.push({ out, in: inn, days, hints: Number(out.hint) + Number(inn.hint) });
    }
  }
  candidates.sort(
    (a, b) =>
      a.days - b.days ||
      b.hints - a.hints ||
      a.out.day - b.out.day ||
      compare(a.out.t.id, b.out.t.id) ||
      a.in.day - b.in.day ||
      compare(a.in.t.id, b.in.t.id),
  );

  const used = new Set<string>();
  const pairs: { pair: TransferPair; outDay: number }[] = [];
  for (const c of candidates) {
    if (used.has(c.out.t.id) || used.has(c.in.t.id)) continue;
    used.add(c.out.t.id);
    used.add(c.in.t.id);
    pairs.push({ pair: { outId: c.out.t.id, inId: c.in.t.id, days: c.days }, outDay: c.out.day });
  }
  return pairs.sort((a, b) => a.outDay - b.outDay || compare(a.pair.outId, b.pair.outId)).map((p) => p.pair);
}
