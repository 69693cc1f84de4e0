import { bigint, char } from 'drizzle-orm/pg-core';
// Type-only (erased at build): the currency list is pure data in lib/currency, shared with forms.
import type { CurrencyCode } from '../../lib/currency/currency-code';

// Fiat amounts are integer minor units plus an ISO 4217 code (DESIGN.md §6). Format, parse and
// compute them with lib/currency; never store a float or a numeric for a fiat amount.

/** An ISO 4217 code column: `char(3)`, typed as CurrencyCode. users.currency and workspaces.currency use it. */
export const currencyColumn = (name: string) => char(name, { length: 3 }).$type<CurrencyCode>();

/** An amount in minor units (cents; yen; fils): Postgres int8, read as a JS bigint. */
export const minorUnitsColumn = (name: string) => bigint(name, { mode: 'bigint' });

const minorPart = (name: string) => minorUnitsColumn(name).notNull();
const currencyPart = (name: string) => currencyColumn(name).notNull();

type MoneyColumns<N extends string> = { [K in `${N}Minor`]: ReturnType<typeof minorPart> } & {
  [K in `${N}Currency`]: ReturnType<typeof currencyPart>;
};

/**
 * The two columns of an amount, spread into a table:
 * `pgTable('invoices', { id, ...money('amount') })` → `amountMinor` (`amount_minor bigint not
 * null`) and `amountCurrency` (`amount_currency char(3) not null`). camelCase names become
 * snake_case columns (`unitPrice` → `unit_price_minor`). Read and write them as a `Money` with
 * `readMoney(row, 'amount')` / `moneyValues('amount', m)` from lib/currency/money-columns.
 */
export function money<const N extends string>(name: N): MoneyColumns<N> {
  const column = name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
  return {
    [`${name}Minor`]: minorPart(`${column}_minor`),
    [`${name}Currency`]: currencyPart(`${column}_currency`),
  } as MoneyColumns<N>;
}
