import { z } from 'zod';
import { filterSettingsSchema } from '../filters/settings';
import { safetyDeviation } from '../ladder';

// "DCA ladder" parameters, named as 3Commas names them. Percentages are fractions (0.01 is 1 %),
// as in the other strategy; the forms show them as percentages.

const fraction = (label: string, max: number) =>
  z
    .number({ error: `${label} must be a number.` })
    .gt(0, `${label} must be above 0.`)
    .max(max, `${label} is at most ${Math.round(max * 100)}%.`);

const takeProfitStepSchema = z.object({
  /** Profit from the average entry at which this step closes its share. */
  profit: fraction('A take-profit step', 10),
  /** Share of the deal's position this step closes. */
  closeFraction: fraction('A take-profit step share', 1),
});

export const dcaLadderParamsSchema = z
  .object({
    side: z.enum(['long', 'short'], { error: 'The side is long or short.' }),
    automatic: z.boolean({ error: 'Automatic is on or off.' }).default(true),
    leverage: z.number({ error: 'The leverage must be a number.' }).int('The leverage is a whole number.').min(1, 'The leverage is 1 to 125.').max(125, 'The leverage is 1 to 125.').default(3),
    /** Paper runs and the liquidation figures use isolated margin; cross is passed to the exchange. */
    marginMode: z.enum(['isolated', 'cross'], { error: 'The margin mode is isolated or cross.' }).default('isolated'),
    filters: filterSettingsSchema.prefault({}),
    /** Whether order sizes are quote currency (USDT) or base units (coins). */
    sizeUnit: z.enum(['quote', 'base'], { error: 'Sizes are in quote currency or base units.' }).default('quote'),
    baseOrderSize: z.number({ error: 'The base order size must be a number.' }).gt(0, 'The base order size must be above 0.').default(10),
    safetyOrderSize: z.number({ error: 'The safety order size must be a number.' }).gt(0, 'The safety order size must be above 0.').default(20),
    maxSafetyOrders: z.number({ error: 'Max safety orders must be a number.' }).int('Max safety orders is a whole number.').min(0, 'Max safety orders is 0 to 50.').max(50, 'Max safety orders is 0 to 50.').default(5),
    /** How many safety orders rest on the exchange at once. */
    activeSafetyOrders: z.number({ error: 'Active safety orders must be a number.' }).int('Active safety orders is a whole number.').min(1, 'Active safety orders is at least 1.').max(50, 'Active safety orders is at most 50.').default(1),
    /** Deviation from the entry to the first safety order. */
    priceDeviation: fraction('The price deviation', 0.5).default(0.01),
    safetyOrderVolumeScale: z.number({ error: 'The volume scale must be a number.' }).min(0.1, 'The volume scale is 0.1 to 10.').max(10, 'The volume scale is 0.1 to 10.').default(1.5),
    safetyOrderStepScale: z.number({ error: 'The step scale must be a number.' }).min(0.1, 'The step scale is 0.1 to 10.').max(10, 'The step scale is 0.1 to 10.').default(1.2),
    /** Take profit on the whole position, from the average entry. */
    takeProfit: fraction('The take profit', 10).default(0.015),
    /** Optional partial take profits replacing the single one; the last closes what is left. */
    takeProfitSteps: z.array(takeProfitStepSchema, { error: 'Take-profit steps are a list.' }).max(8, 'At most 8 take-profit steps.').default([]),
    /** Trailing take profit: once the target is reached, close when price falls back this much from its best. */
    trailingDeviation: fraction('The trailing deviation', 0.5).nullable().default(null),
    /** Stop loss from the average entry; null for none. */
    stopLoss: fraction('The stop loss', 1).nullable().default(null),
    /** After the first take-profit step fills, the stop moves to the average entry. */
    stopLossToBreakeven: z.boolean({ error: 'Move to breakeven is on or off.' }).default(false),
    /** Minutes to wait after a deal closes before opening the next. */
    cooldownMinutes: z.number({ error: 'The cooldown must be a number.' }).int('The cooldown is whole minutes.').min(0, 'The cooldown is 0 to 10080 minutes.').max(10_080, 'The cooldown is 0 to 10080 minutes.').default(0),
    /** Margin cap for all the bot's pairs together, as a share of balance. */
    maxMarginPct: fraction('The margin cap', 1).default(0.5),
    marginWarningLevel: z.number({ error: 'The warning level must be a number.' }).gt(1, 'The warning level is above 1 (1 is liquidation).').max(100, 'The warning level is at most 100.').default(1.5),
  })
  .superRefine((p, issues) => {
    if (p.activeSafetyOrders > Math.max(p.maxSafetyOrders, 1)) {
      issues.addIssue({ code: 'custom', path: ['activeSafetyOrders'], message: 'Active safety orders can’t be more than max safety orders.' });
    }
    const shares = p.takeProfitSteps.reduce((sum, step) => sum + step.closeFraction, 0);
    if (shares > 1 + 1e-9) issues.addIssue({ code: 'custom', path: ['takeProfitSteps'], message: 'Take-profit step shares add up to more than 100%.' });
    for (let i = 1; i < p.takeProfitSteps.length; i += 1) {
      if (p.takeProfitSteps[i]!.profit <= p.takeProfitSteps[i - 1]!.profit) {
        issues.addIssue({ code: 'custom', path: ['takeProfitSteps', i, 'profit'], message: 'Each take-profit step needs a higher profit than the one before.' });
      }
    }
    const deepest = safetyDeviation(p.maxSafetyOrders, p.priceDeviation, p.safetyOrderStepScale);
    if (p.side === 'long' && deepest >= 1) {
      issues.addIssue({ code: 'custom', path: ['maxSafetyOrders'], message: `The deepest safety order would be ${(deepest * 100).toFixed(1)}% below the entry, at or below zero: use fewer safety orders or smaller steps.` });
    }
    if (p.stopLoss !== null && p.maxSafetyOrders > 0 && p.stopLoss <= deepest) {
      issues.addIssue({
        code: 'custom',
        path: ['stopLoss'],
        message: `The stop loss (${(p.stopLoss * 100).toFixed(2)}%) would trigger before the last safety order (${(deepest * 100).toFixed(2)}%): widen it or use fewer safety orders.`,
      });
    }
  });

export type DcaLadderParams = z.output<typeof dcaLadderParamsSchema>;
export type DcaLadderParamsInput = z.input<typeof dcaLadderParamsSchema>;

/** The open deal as the strategy tracks it between runs (JSON in bot_pairs.state). */
export interface DcaDeal {
  /** Deal number within the pair: keys its orders. */
  n: number;
  openedAt: number;
  /** The base order's fill price, from which the ladder is measured; null until it fills. */
  entry: number | null;
  /** Highest safety order filled. */
  safetyFilled: number;
  takeProfitStepsDone: number;
  /** Bumped whenever the strategy cancels its own safety orders, so re-placed ones get new client ids. */
  safetyRevision: number;
  takeProfitRevision: number;
  /** The stop sits at the average entry (after the first take-profit step, when asked). */
  breakeven: boolean;
  /** Best price since the take-profit target was reached (trailing). */
  trailingPeak: number | null;
  /** The largest position (base units) the deal held: partial take-profit shares are of it. */
  peak: number;
}

export interface DcaLadderState {
  deals: number;
  deal: DcaDeal | null;
  /** No new deal before this instant (ms). */
  cooldownUntil: number;
}
