import { z } from 'zod';

// The filters both strategies share (reference "Filters"), with the original bot's thresholds as
// defaults. A pair stores only what its owner changed; parsing fills in the rest.

const positive = (label: string) => z.number({ error: `${label} must be a number.` }).positive(`${label} must be above 0.`);
const span = (label: string) => z.number().int(`${label} is a whole number of candles.`).min(2, `${label} is at least 2.`).max(1000, `${label} is at most 1000.`);
const score = (label: string) => z.number().int().min(0, `${label} is 0 to 100.`).max(100, `${label} is 0 to 100.`);

export const filterSettingsSchema = z
  .object({
    /** EMA trend gates: EMA fast/slow on `emaInterval`-minute closes, the trend EMA on hourly closes. */
    emaEnabled: z.boolean().default(true),
    emaInterval: z.number().int().min(1, 'The EMA interval is 1 to 240 minutes.').max(240, 'The EMA interval is 1 to 240 minutes.').default(1),
    emaFastSpan: span('The fast EMA').default(50),
    emaSlowSpan: span('The slow EMA').default(200),
    trendEmaSpan: span('The hourly trend EMA').default(100),
    /** Volatility protection over `volatilityWindow` candles of `volatilityInterval` minutes. */
    volatilityEnabled: z.boolean().default(true),
    volatilityInterval: z.number().int().min(1).max(60).default(5),
    volatilityWindow: z.number().int().min(30, 'The volatility window is at least 30 candles.').max(1000, 'The volatility window is at most 1000 candles.').default(100),
    atrPeriod: span('The ATR period').default(14),
    atrMultiplier: positive('The ATR multiplier').default(1.5),
    bollingerPeriod: span('The Bollinger period').default(20),
    bollingerStdDev: positive('The Bollinger deviation').default(2),
    /** (upper − lower) / middle × 100. */
    bollingerWidthMax: positive('The Bollinger width limit').default(8),
    historicalVolatilityPeriod: span('The volatility period').default(20),
    /** stdev of log returns × 100. */
    historicalVolatilityMax: positive('The historical volatility limit').default(5),
    /** Decline velocity on the volatility candles: no adds or safety orders in FAST_DECLINE or CRASH. */
    declineEnabled: z.boolean().default(true),
    declineCrashScore: score('The crash score').default(70),
    declineFastScore: score('The fast-decline score').default(40),
    declineModerateScore: score('The moderate-decline score').default(20),
  })
  .superRefine((s, issues) => {
    if (s.emaFastSpan >= s.emaSlowSpan) issues.addIssue({ code: 'custom', path: ['emaFastSpan'], message: 'The fast EMA must be shorter than the slow one.' });
    if (!(s.declineModerateScore < s.declineFastScore && s.declineFastScore < s.declineCrashScore)) {
      issues.addIssue({ code: 'custom', path: ['declineFastScore'], message: 'Scores must rise from moderate to fast decline to crash.' });
    }
  });

export type FilterSettings = z.output<typeof filterSettingsSchema>;

export const DEFAULT_FILTER_SETTINGS: FilterSettings = filterSettingsSchema.parse({});
