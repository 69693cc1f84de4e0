import type { MarketRules } from './types';

// Rounding to market precision. Steps like 0.001 aren't exact in binary, so work in whole steps
// with a small tolerance: 0.3 / 0.1 is 2.9999999999999996 and must count as 3 steps.
const EPSILON = 1e-9;

// Markets have a handful of steps, and rounding runs for every order a backtest considers.
const decimalsCache = new Map<number, number>();

function decimalsOf(step: number): number {
  let decimals = decimalsCache.get(step);
  if (decimals === undefined) {
    decimals = countDecimals(step);
    if (decimalsCache.size < 1000) decimalsCache.set(step, decimals);
  }
  return decimals;
}

function countDecimals(step: number): number {
  if (!Number.isFinite(step) || step <= 0) return 0;
  const [mantissa = '', exponent = '0'] = step.toExponential().split('e');
  const fraction = (mantissa.split('.')[1] ?? '').length;
  return Math.max(0, fraction - Number(exponent));
}

const POWERS = Array.from({ length: 16 }, (_, i) => 10 ** i);

/** Cuts the binary noise off a multiple of `step` (0.30000000000000004 → 0.3) without toFixed's string round trip. */
function fixed(value: number, step: number): number {
  const power = POWERS[decimalsOf(step)];
  if (power === undefined) return Number(value.toFixed(Math.min(20, decimalsOf(step))));
  return Math.round(value * power) / power;
}

export function roundDownToStep(value: number, step: number): number {
  if (step <= 0) return value;
  return fixed(Math.floor(value / step + EPSILON) * step, step);
}

export function roundToStep(value: number, step: number): number {
  if (step <= 0) return value;
  return fixed(Math.round(value / step) * step, step);
}

/** Buy limits round down, sell limits round up, so rounding never makes a price worse for the bot. */
export function roundPrice(price: number, rules: Pick<MarketRules, 'tickSize'>, side: 'buy' | 'sell'): number {
  const { tickSize } = rules;
  if (tickSize <= 0) return price;
  const steps = price / tickSize;
  const whole = side === 'buy' ? Math.floor(steps + EPSILON) : Math.ceil(steps - EPSILON);
  return fixed(whole * tickSize, tickSize);
}

/**
 * The original's quantity rule: round down to the lot step and clamp to [lot step, max order
 * quantity]. Returns 0 when the result is below the market's minimum quantity or value, i.e. no
 * order.
 */
export function orderQty(rawQty: number, price: number, rules: Pick<MarketRules, 'lotStep' | 'minQty' | 'maxQty' | 'minNotional'>): number {
  if (!(rawQty > 0) || !(price > 0)) return 0;
  const qty = Math.min(Math.max(roundDownToStep(rawQty, rules.lotStep), rules.lotStep), rules.maxQty);
  if (qty < rules.minQty - EPSILON) return 0;
  if (rules.minNotional > 0 && qty * price < rules.minNotional - EPSILON) return 0;
  return qty;
}
