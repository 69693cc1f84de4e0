import type { CurrencyCode } from './currency-code';
import type { Money } from './money';

// The row side of db/schema/money.ts's `money('x')` pair (`xMinor`, `xCurrency`), without
// importing db: lib code and workflows turn rows into Money and back with these.

type MoneyRow<N extends string> = { [K in `${N}Minor`]: bigint } & { [K in `${N}Currency`]: CurrencyCode };

export function readMoney<N extends string>(row: MoneyRow<N>, name: N): Money {
  return { minor: row[`${name}Minor`], currency: row[`${name}Currency`] } as Money;
}

export function moneyValues<const N extends string>(name: N, amount: Money): MoneyRow<N> {
  return { [`${name}Minor`]: amount.minor, [`${name}Currency`]: amount.currency } as MoneyRow<N>;
}
