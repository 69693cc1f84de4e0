// The margin cap from the original bot (reference "Margin cap and taper"), used by both strategies:
// a bot's margin cap is split across its active pairs, and a pair's orders shrink linearly once
// its margin passes 70% of its share.

/** Per-pair cap as a share of balance: `maxMarginPct / N` when N > 1. */
export function pairMarginCap(maxMarginPct: number, activePairs: number): number {
  return activePairs > 1 ? maxMarginPct / activePairs : maxMarginPct;
}

export const TAPER_START = 0.7;

/**
 * The factor an order's size is multiplied by, for a pair whose margin share (margin ÷ balance)
 * is `share` against its cap `cap`: 1 below 0.7·cap, (cap − share)/(0.3·cap) up to the cap,
 * 0 at or above it.
 */
export function taperFactor(share: number, cap: number): number {
  if (!(cap > 0)) return 0;
  if (share < TAPER_START * cap) return 1;
  if (share >= cap) return 0;
  return (cap - share) / ((1 - TAPER_START) * cap);
}

/**
 * The check before every order: (pair margin + qty × price / leverage) ÷ balance ≤ cap.
 * False means the order is skipped with a "max margin protection" notice.
 */
export function fitsMarginCap(pairMargin: number, qty: number, price: number, leverage: number, balance: number, cap: number): boolean {
  if (!(balance > 0)) return false;
  return (pairMargin + (qty * price) / leverage) / balance <= cap + 1e-12;
}
