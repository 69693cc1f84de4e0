import { z } from 'zod';
import { filterSettingsSchema } from '../filters/settings';

// The "Balance Martingale (original)" parameters, defaulting to the values the original's users
// trade with (reference "Parameters and defaults"). Shares are fractions: 0.006 is 0.6 %.

const share = (label: string, max: number) =>
  z
    .number({ error: `${label} must be a number.` })
    .gt(0, `${label} must be above 0.`)
    .max(max, `${label} is at most ${max * 100}%.`);

const tierSchema = z.object({
  /** The tier applies when position margin ÷ balance is above this. */
  marginShareAbove: share('The tier margin share', 1),
  /** Share of the position to close. */
  closeFraction: share('The tier close fraction', 1),
});

export const DEFAULT_TAKE_PROFIT_TIERS = [
  { marginShareAbove: 0.075, closeFraction: 0.33 },
  // Unreachable while tiers are tried in order: any share above 10% is also above 7.5%, so the
  // first tier takes it (the original's code does the same). Kept so an owner can reorder.
  { marginShareAbove: 0.1, closeFraction: 0.5 },
] as const;

export const balanceMartingaleParamsSchema = z.object({
  side: z.enum(['long', 'short'], { error: 'The side is long or short.' }),
  /** Whether new positions may be opened; off only manages an open one. */
  automatic: z.boolean({ error: 'Automatic is on or off.' }).default(true),
  leverage: z
    .number({ error: 'The leverage must be a number.' })
    .int('The leverage is a whole number.')
    .min(1, 'The leverage is 1 to 125.')
    .max(125, 'The leverage is 1 to 125.')
    .default(10),
  filters: filterSettingsSchema.prefault({}),
  /** First order quantity = balance × this × leverage / price. */
  beginSizeOfBalance: share('The first order size', 1).default(0.006),
  /** Target position margin ÷ balance before taking profit; position limit for adds. */
  buyUntilLimit: share('The position limit', 1).default(0.02),
  /** Take profit when unrealised PnL ÷ balance is above this. */
  profitThreshold: share('The profit threshold', 1).default(0.003),
  /** Close everything when unrealised PnL ÷ position margin is above this. */
  profitPnl: share('The profit target', 10).default(0.1),
  /** Margin cap for all the bot's pairs together, as a share of balance. */
  maxMarginPct: share('The margin cap', 1).default(0.5),
  /** Entries as post-only limits and exits as reduce-only GTC limits; off uses market orders. */
  usePostOnly: z.boolean({ error: 'Post-only is on or off.' }).default(true),
  /** Tried in order; the first whose share is exceeded closes its fraction. */
  takeProfitTiers: z
    .array(tierSchema, { error: 'The take-profit tiers are a list.' })
    .max(10, 'At most 10 take-profit tiers.')
    .default(() => DEFAULT_TAKE_PROFIT_TIERS.map((tier) => ({ ...tier }))),
  /** A margin_warning event below this margin level. */
  marginWarningLevel: z.number({ error: 'The warning level must be a number.' }).gt(1, 'The warning level is above 1 (1 is liquidation).').max(100, 'The warning level is at most 100.').default(1.5),
  /** Below this margin level the position is managed and added to whatever the filters say. */
  addMarginLevel: z.number({ error: 'The critical margin level must be a number.' }).gt(1, 'The critical margin level is above 1 (1 is liquidation).').max(100, 'The critical margin level is at most 100.').default(2),
  /** The dip add: unrealised PnL ÷ margin below this (and the EMA50 side right). */
  fastAddUpnlPct: z.number({ error: 'The dip threshold must be a number.' }).lt(0, 'The dip threshold is below 0.').min(-1, 'The dip threshold is at least −100%.').default(-0.05),
  /** In a slow or moderate decline, adds continue up to this multiple of the position limit. */
  slowFactorMultiple: z.number({ error: 'The slow-decline multiple must be a number.' }).min(1, 'The slow-decline multiple is 1 to 10.').max(10, 'The slow-decline multiple is 1 to 10.').default(1.5),
});

export type BalanceMartingaleParams = z.output<typeof balanceMartingaleParamsSchema>;
export type BalanceMartingaleParamsInput = z.input<typeof balanceMartingaleParamsSchema>;

/** The original keeps nothing between runs. */
export type BalanceMartingaleState = Readonly<Record<string, never>>;
