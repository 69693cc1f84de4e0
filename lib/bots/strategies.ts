import type { z } from 'zod';
import { filterSettingsSchema } from './engine/filters/settings';
import { balanceMartingale, balanceMartingaleParamsSchema } from './engine/strategies/balance-martingale';
import { dcaLadder, dcaLadderParamsSchema } from './engine/strategies/dca-ladder';
import type { Strategy, StrategyId } from './engine/types';

// The strategies a bot or backtest can run, by id: the one place that maps a stored strategy id to
// its engine and parameter schema.

type Entry = {
  label: string;
  description: string;
  // Each strategy has its own params and state; callers only pass through what the schema parsed.
  strategy: Strategy<never, unknown>;
  params: z.ZodType<Record<string, unknown>>;
};

export const STRATEGIES: Record<StrategyId, Entry> = {
  balance_martingale: {
    label: 'Balance Martingale (original)',
    description: 'The original bot: sizes from your balance, adds on dips while filters allow, takes profit on balance and margin thresholds.',
    strategy: balanceMartingale as unknown as Strategy<never, unknown>,
    params: balanceMartingaleParamsSchema as unknown as z.ZodType<Record<string, unknown>>,
  },
  dca_ladder: {
    label: 'DCA ladder',
    description: 'A base order and a ladder of safety orders, with take profit on the whole position.',
    strategy: dcaLadder as unknown as Strategy<never, unknown>,
    params: dcaLadderParamsSchema as unknown as z.ZodType<Record<string, unknown>>,
  },
};

export type ParamIssue = { path: (string | number)[]; message: string };

/** Parses a pair's strategy parameters and filter settings; issues carry paths relative to the pair. */
export function parseStrategyConfig(
  strategy: StrategyId,
  raw: { params: unknown; filters: unknown },
): { ok: true; params: Record<string, unknown>; filters: Record<string, unknown> } | { ok: false; issues: ParamIssue[] } {
  const params = STRATEGIES[strategy].params.safeParse(raw.params ?? {});
  const filters = filterSettingsSchema.safeParse(raw.filters ?? {});
  if (params.success && filters.success) return { ok: true, params: params.data, filters: filters.data as Record<string, unknown> };
  const issues: ParamIssue[] = [];
  if (!params.success) for (const issue of params.error.issues) issues.push({ path: ['params', ...issue.path.map(pathPart)], message: issue.message });
  if (!filters.success) for (const issue of filters.error.issues) issues.push({ path: ['filters', ...issue.path.map(pathPart)], message: issue.message });
  return { ok: false, issues };
}

const pathPart = (part: PropertyKey): string | number => (typeof part === 'number' ? part : String(part));
