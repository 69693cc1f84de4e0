import { and, asc, eq } from 'drizzle-orm';
import { botPairs, bots } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import type { ExchangeId } from '../bot-input';
import type { StrategyId } from '../engine/types';
import type { BotPairItem } from '../bots';

export type RunBot = {
  id: string;
  tenantId: string;
  name: string;
  exchange: ExchangeId;
  testnet: boolean;
  credentialsSealed: string | null;
  strategy: StrategyId;
  status: string;
  runIntervalMinutes: number;
  paperStartingBalance: string | null;
  paperAccount: unknown;
  consecutiveFailures: number;
  version: number;
  createdBy: string | null;
};

/** An active pair as a run sees it: the pair with its strategy state. */
export type RunPair = Omit<BotPairItem, 'active'> & { state: unknown };

/** The bot a run is for, locked until the transaction ends (a duplicate run waits here); null when it is gone. */
export async function lockRunBot(tx: Tx, botId: string): Promise<RunBot | null> {
  const [row] = await tx.select().from(bots).where(eq(bots.id, botId)).limit(1).for('update');
  if (!row) return null;
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    exchange: row.exchange as ExchangeId,
    testnet: row.testnet,
    credentialsSealed: row.credentialsSealed,
    strategy: row.strategy as StrategyId,
    status: row.status,
    runIntervalMinutes: row.runIntervalMinutes,
    paperStartingBalance: row.paperStartingBalance,
    paperAccount: row.paperAccount,
    consecutiveFailures: row.consecutiveFailures,
    version: row.version,
    createdBy: row.createdBy,
  };
}

/** The bot's active pairs with their strategy state, in the order a run checks them. */
export async function loadRunPairs(tx: Tx, botId: string): Promise<RunPair[]> {
  const pairs = await tx
    .select()
    .from(botPairs)
    .where(and(eq(botPairs.botId, botId), eq(botPairs.active, true)))
    .orderBy(asc(botPairs.createdAt), asc(botPairs.symbol));
  return pairs.map((pair) => ({
    id: pair.id,
    symbol: pair.symbol,
    side: pair.side as RunPair['side'],
    leverage: pair.leverage,
    automatic: pair.automatic,
    params: pair.params,
    filters: pair.filters,
    state: pair.state,
  }));
}
