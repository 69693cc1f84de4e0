import type { OrderIntent, Position } from '../engine/types';
import type { Exchange } from '../exchange/types';
import type { PairDecision } from './decide-pair';
import { unrecordedFills } from './decide-pair';
import type { RunPair } from './load-run';
import { readPairRunState } from './pair-state';

/**
 * "Stop and close positions": cancel every resting order of the pair and close what is open with
 * one reduce-only market order. Its key carries the minute, so a retried close-out asks for the
 * same order and a later one (after a partial fill) for a new one.
 */
export async function closeOutPair(exchange: Exchange, pair: RunPair, position: Position | null, now: Date): Promise<PairDecision> {
  const [rules] = await exchange.markets([pair.symbol]);
  if (!rules) throw new Error(`The exchange has no market ${pair.symbol}.`);
  const ticker = await exchange.ticker(pair.symbol);
  const newFills = await unrecordedFills(exchange, pair.symbol, readPairRunState(pair.state));
  const place: OrderIntent[] = position
    ? [
        {
          key: `xo-${Math.floor(now.getTime() / 60_000).toString(36)}`,
          side: position.side === 'long' ? 'sell' : 'buy',
          type: 'market',
          price: null,
          qty: position.size,
          reduceOnly: true,
          postOnly: false,
          purpose: 'close',
        },
      ]
    : [];
  return {
    rules,
    ticker,
    cancel: 'all',
    place,
    strategyState: readPairRunState(pair.state).strategy,
    events: position ? [{ type: 'deal_closed', message: `Closing the ${position.side} position at market: the bot was stopped.` }] : [],
    newFills,
  };
}
