// Pure helpers for chart.tsx, kept apart so they can be unit-tested without rendering.

export type ChartFormat = 'number' | 'compact' | 'currency' | 'percent' | ((value: number) => string);

export function formatValue(value: number, format: ChartFormat = 'number', currency = 'USD'): string {
  if (typeof format === 'function') return format(value);
  switch (format) {
    case 'compact':
      return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
    case 'currency':
      // Whole amounts (axis ticks, round prices) drop the cents; small fractional ones keep them.
      return new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency,
        minimumFractionDigits: Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : 2,
        maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2,
      }).format(value);
    case 'percent':
      // Values are fractions (0.125 → 12.5%), matching Intl's convention.
      return new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(value);
    default:
      return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value);
  }
}

/** Round axis bounds and evenly spaced ticks ("nice numbers") that always include zero. */
export function niceScale(values: number[], tickCount = 4, includeZero = true): { min: number; max: number; ticks: number[] } {
  // A balance of 10,000 that moves by 30 needs an axis around its values, not from 0.
  let lo = includeZero ? Math.min(0, ...values) : Math.min(...values);
  let hi = includeZero ? Math.max(0, ...values) : Math.max(...values);
  if (lo === hi) hi = lo + 1;
  const rawStep = (hi - lo) / tickCount;
  const magnitude = 10 ** Math.floor(Math.log10(rawStep));
  const residual = rawStep / magnitude;
  const step = (residual > 5 ? 10 : residual > 2 ? 5 : residual > 1 ? 2 : 1) * magnitude;
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // Snapping avoids 0.30000000000000004-style tick labels.
  for (let t = lo; t <= hi + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { min: lo, max: hi, ticks };
}

/** Which x labels to show: every `step`-th so labels never collide. */
export function labelStep(count: number, maxLabels: number): number {
  return Math.max(1, Math.ceil(count / maxLabels));
}
