// Currencies, minor units, exact money arithmetic and formatting (DESIGN.md §6). Pure: no I/O.
export { CURRENCY_CODES, type CurrencyCode, currencyCode, currencyCodeSchema, isCurrencyCode, minorUnits } from './currency-code';
export { Decimal, type DecimalInput, type Rounding, decimal } from './decimal';
export { DEFAULT_MONEY_LOCALE, type FormatMoneyOptions, formatMoney } from './format-money';
export { MAX_MINOR, MIN_MINOR, fromMinor, minorToDecimal, parseMoney, toMinor } from './minor-units';
export { type Money, addMoney, allocateMoney, convertMoney, money, multiplyMoney, subtractMoney } from './money';
export { moneyAmountSchema } from './money-schema';
export { moneyValues, readMoney } from './money-columns';
