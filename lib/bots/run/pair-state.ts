import { z } from 'zod';
import type { Fill, Position } from '../engine/types';

// What a pair carries between runs (bot_pairs.state): the strategy's own state, the position as its
// trades tell it, the open deal, and the fills the strategy hasn't seen yet — those that happened
// during the previous run after it decided (a market order filling at once).

const fillSchema = z.object({
  key: z.string(),
  side: z.enum(['buy', 'sell']),
  price: z.number(),
  qty: z.number(),
  fee: z.number(),
  time: z.number(),
});

const positionSchema = z.object({
  side: z.enum(['long', 'short']),
  size: z.number(),
  entryPrice: z.number(),
  margin: z.number(),
  leverage: z.number(),
});

export const pairRunStateSchema = z.object({
  strategy: z.unknown().optional(),
  position: positionSchema.nullable().default(null),
  openDealId: z.string().nullable().default(null),
  openDealSeq: z.number().int().default(0),
  dealSeq: z.number().int().default(0),
  /** Fills already recorded as trades, newest last: with bot_trades.fill_key they make recording exactly-once. */
  fillCursor: z.number().default(0),
  recentFillKeys: z.array(z.string()).default([]),
  unseenFills: z.array(fillSchema).default([]),
});

export type PairRunState = z.output<typeof pairRunStateSchema> & { position: Position | null; unseenFills: Fill[] };

export function readPairRunState(raw: unknown): PairRunState {
  const parsed = pairRunStateSchema.safeParse(raw ?? {});
  return (parsed.success ? parsed.data : pairRunStateSchema.parse({})) as PairRunState;
}

export const RECENT_FILL_KEYS = 200;
