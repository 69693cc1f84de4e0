import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';
import type { CurrencyCode } from './currency-code';
import { parseMoney } from './minor-units';

/**
 * A form or API field holding an amount in a known currency: "12.34" → 1234n, with
 * parseMoney's message as the field error ("USD amounts have at most 2 decimal places …").
 */
export function moneyAmountSchema(currency: CurrencyCode) {
  return z.string().transform((text, ctx) => {
    try {
      return parseMoney(text, currency);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
      return z.NEVER;
    }
  });
}
