import { z } from 'zod';
import { EXCHANGES } from './exchanges';
import { exchangeCredentialsSchema } from './credentials';
import { notifyInputSchema } from './notify/settings';

// What a person (the wizard, the edit form) or the API sends to configure a bot. Strategy
// parameters are checked per strategy by lib/bots/strategies.ts, whose errors carry the same paths.

export { EXCHANGE_LABELS, EXCHANGES, type ExchangeId } from './exchanges';

export const STRATEGY_IDS = ['balance_martingale', 'dca_ladder'] as const;

const positiveDecimal = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/, 'Enter an amount such as 10000.')
  .refine((value) => Number(value) > 0, 'Enter an amount above 0.');

/** `BTCUSDT`, the exchanges' own spelling (and the original bot's `SYMBOL=` line). */
export const symbolSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{2,15}USDT$/, 'Use a USDT perpetual symbol such as BTCUSDT.');

export const pairInputSchema = z.object({
  symbol: symbolSchema,
  side: z.enum(['long', 'short']),
  leverage: z.number().int('Leverage is a whole number.').min(1, 'Leverage is at least 1.').max(125, 'Leverage is at most 125.'),
  automatic: z.boolean().default(true),
  params: z.record(z.string(), z.unknown()).default({}),
  filters: z.record(z.string(), z.unknown()).default({}),
});
export type PairInput = z.output<typeof pairInputSchema>;

export const MAX_PAIRS = 20;

export const botInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the bot.').max(80, 'Keep the name under 80 characters.'),
    exchange: z.enum(EXCHANGES),
    testnet: z.boolean().default(true),
    credentials: exchangeCredentialsSchema.optional(),
    strategy: z.enum(STRATEGY_IDS),
    runIntervalMinutes: z.number().int().min(1, 'Run at most every minute.').max(1440, 'Run at least once a day.').default(5),
    paperStartingBalance: positiveDecimal.default('10000'),
    notify: notifyInputSchema.prefault({}),
    pairs: z.array(pairInputSchema).min(1, 'Add at least one pair.').max(MAX_PAIRS, `A bot trades at most ${MAX_PAIRS} pairs.`),
  })
  .superRefine((bot, issues) => {
    const seen = new Set<string>();
    bot.pairs.forEach((pair, index) => {
      if (seen.has(pair.symbol)) issues.addIssue({ code: 'custom', path: ['pairs', index, 'symbol'], message: `${pair.symbol} is already in this bot.` });
      seen.add(pair.symbol);
    });
  });
export type BotInput = z.output<typeof botInputSchema>;
