import { AppError } from '@/lib/errors/app-error';
import { openCredentials } from '../credentials';
import { PaperExchange } from '../exchange/paper-exchange';
import type { Exchange } from '../exchange/types';
import type { RunBot } from './load-run';

export type RunExchange = {
  exchange: Exchange;
  /** In memory: the whole run is one transaction, and save() is the book to store. */
  paper: boolean;
  save(): unknown;
};

const DEFAULT_PAPER_BALANCE = 10_000;

/** The exchange a bot trades on: its paper book over the simulated market, or its exchange account through ccxt. */
export async function exchangeForRun(bot: RunBot, now = new Date()): Promise<RunExchange> {
  if (bot.exchange === 'paper') {
    const exchange = await PaperExchange.open({ state: bot.paperAccount ?? null, startingBalance: Number(bot.paperStartingBalance ?? DEFAULT_PAPER_BALANCE), now });
    return { exchange, paper: true, save: () => exchange.save() };
  }
  if (!bot.credentialsSealed) throw new AppError('validation_failed', 'Add the exchange API key and secret before running this bot.');
  // Loaded only for bots on a real exchange: ccxt is large, and paper runs never need it.
  const { openCcxtExchange } = await import('../exchange/ccxt-exchange');
  const exchange = await openCcxtExchange({ exchange: bot.exchange, testnet: bot.testnet, credentials: openCredentials(bot.tenantId, bot.credentialsSealed) });
  return { exchange, paper: false, save: () => undefined };
}
