// The engine computes in float64 (DESIGN.md §6); what is stored is a decimal string, written here
// once: fixed notation (never `1e-7`), at most `digits` decimals, trailing zeros dropped.

export function decimalText(value: number, digits = 8): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const fixed = value.toFixed(digits);
  const trimmed = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  return trimmed === '-0' ? '0' : trimmed;
}
