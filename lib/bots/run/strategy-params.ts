import type { StrategyId } from '../engine/types';
import { STRATEGIES } from '../strategies';

/**
 * A pair's strategy parameters as the engine takes them: the stored params with the pair's own
 * columns (side, leverage, automatic, filters) laid over them, so the columns a person edits in the
 * pair list are the ones that count. Keys a strategy doesn't know are dropped by its schema.
 */
export function strategyParamsFor(
  strategy: StrategyId,
  pair: { side: 'long' | 'short'; leverage: number; automatic: boolean; params: Record<string, unknown>; filters: Record<string, unknown> },
): Record<string, unknown> {
  return STRATEGIES[strategy].params.parse({ ...pair.params, side: pair.side, leverage: pair.leverage, automatic: pair.automatic, filters: pair.filters });
}
