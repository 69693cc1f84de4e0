import { and, asc, eq } from 'drizzle-orm';
import { botPairs, bots } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
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

/** Everything a run needs, read once at its start; the bot row stays locked until the transaction ends. */
export async function loadRunInput(tx: Tx, botId: string): Promise<{ bot: RunBot; pairs: RunPair[] }> {
  const [row] = await tx.select().from(bots).where(eq(bots.id, botId)).limit(1).for('update');
  if (!row) throw new AppError('not_found', 'That bot does not exist.');
  const pairs = await tx
    .select()
    .from(botPairs)
    .where(and(eq(botPairs.botId, botId), eq(botPairs.active, true)))
    .orderBy(asc(botPairs.createdAt), asc(botPairs.symbol));
  return {
    bot: {
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
    },
    pairs: pairs.map((pair) => ({
      id: pair.id,
      symbol: pair.symbol,
      side: pair.side as RunPair['side'],
      leverage: pair.leverage,
      automatic: pair.automatic,
      params: pair.params,
      filters: pair.filters,
      state: pair.state,
    })),
  };
}
