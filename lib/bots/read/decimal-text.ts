import { decimal } from '@/lib/currency/decimal';

/** A numeric column or SQL sum as plain decimal text ("12.5", never "1.25e+1"; trailing zeros dropped; null is 0). */
export function decimalText(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '0';
  return decimal(value).toFixed();
}

export function optionalDecimalText(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : decimalText(value);
}
