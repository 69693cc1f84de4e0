import { z } from 'zod';
import { STRATEGY_IDS, symbolSchema } from '../bot-input';

// What a person or the API sends to start a backtest. The strategy's own parameters are checked by
// lib/bots/strategies.ts (same paths as a bot's pair), the rest here.

const DAY = 86_400_000;
/** The simulated market covers any period; two years of minutes is ~1 M candles. */
export const MAX_SIMULATED_DAYS = 730;

const isoDay = (label: string) => z.iso.date({ error: `${label}: use a date such as 2026-01-31.` });

export const candleSourceSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('simulated'), from: isoDay('From'), to: isoDay('To') })
    .refine((s) => Date.parse(s.to) > Date.parse(s.from), { path: ['to'], message: 'The end must be after the start.' })
    .refine((s) => (Date.parse(s.to) - Date.parse(s.from)) / DAY <= MAX_SIMULATED_DAYS, { path: ['to'], message: `At most ${MAX_SIMULATED_DAYS} days.` }),
  z.object({
    kind: z.literal('upload'),
    /** A key candleUploadTarget gave this workspace. */
    key: z.string().min(1).max(300),
    name: z.string().trim().min(1).max(200),
  }),
]);

export type CandleSource = z.output<typeof candleSourceSchema>;

const decimalAmount = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, 'Enter an amount such as 10000.')
  .refine((value) => Number(value) >= 10 && Number(value) <= 1e9, 'The starting balance is 10 to 1,000,000,000.');

export const backtestInputSchema = z.object({
  name: z.string().trim().min(1, 'Give the backtest a name.').max(100, 'At most 100 characters.'),
  strategy: z.enum(STRATEGY_IDS, { error: 'Choose a strategy.' }),
  symbol: symbolSchema,
  side: z.enum(['long', 'short'], { error: 'The side is long or short.' }),
  leverage: z.number({ error: 'The leverage must be a number.' }).int('Leverage is a whole number.').min(1, 'Leverage is at least 1.').max(125, 'Leverage is at most 125.'),
  params: z.record(z.string(), z.unknown()).default({}),
  filters: z.record(z.string(), z.unknown()).default({}),
  source: candleSourceSchema,
  startingBalance: decimalAmount.default('10000'),
  /** 'original' reproduces the original bot's backtest: 0.075 % fees, liquidation at margin level ≤ 1 with 0.5 % slippage. */
  model: z.enum(['tessera', 'original']).default('tessera'),
  /** Minutes between decisions: a bot's run interval (the original stepped every 5th minute). */
  decisionEveryMinutes: z.number().int().min(1, 'Decide at least every minute.').max(1440, 'Decide at least once a day.').default(5),
  feeRate: z.number().min(0, 'The fee is 0 to 1%.').max(0.01, 'The fee is 0 to 1%.').optional(),
  slippage: z.number().min(0, 'The slippage is 0 to 1%.').max(0.01, 'The slippage is 0 to 1%.').optional(),
});

export type BacktestInput = z.output<typeof backtestInputSchema>;
