import { AppError } from '@/lib/errors/app-error';
import { botInputSchema, type BotInput } from './bot-input';
import { parseStrategyConfig } from './strategies';

export type ParsedPair = BotInput['pairs'][number] & { params: Record<string, unknown>; filters: Record<string, unknown> };
export type ParsedBot = Omit<BotInput, 'pairs'> & { pairs: ParsedPair[] };

const pathKey = (path: readonly PropertyKey[]) => path.map(String).join('.');

/**
 * The whole configuration checked at once — the bot's fields, then each pair's strategy parameters
 * and filters — so a form shows every problem together. An edit may leave the credentials out
 * to keep those on file. Throws AppError('validation_failed')
 * whose `details.fields` maps paths (`pairs.0.params.takeProfitPct`) to messages.
 */
export function parseBotConfig(raw: unknown, options: { credentialsOnFile?: boolean } = {}): ParsedBot {
  const base = botInputSchema.safeParse(raw);
  const fields: Record<string, string[]> = {};
  const add = (key: string, message: string) => (fields[key] ??= []).push(message);
  if (!base.success) {
    for (const issue of base.error.issues) add(pathKey(issue.path), issue.message);
    throw new AppError('validation_failed', firstMessage(fields), { fields });
  }
  const bot = base.data;
  const pairs: ParsedPair[] = [];
  bot.pairs.forEach((pair, index) => {
    // The pair's own columns (side, leverage, manual or automatic) are what its strategy runs with,
    // as run/strategy-params.ts lays them over the stored params: check the ladder against them.
    const parsed = parseStrategyConfig(bot.strategy, { params: { ...pair.params, side: pair.side, leverage: pair.leverage, automatic: pair.automatic }, filters: pair.filters });
    if (!parsed.ok) {
      for (const issue of parsed.issues) add(pathKey(['pairs', index, ...issue.path]), issue.message);
      return;
    }
    pairs.push({ ...pair, params: parsed.params, filters: parsed.filters });
  });
  if (bot.exchange !== 'paper' && !bot.credentials && !options.credentialsOnFile) add('credentials.apiKey', 'Paste the API key and secret of the exchange account.');
  if (Object.keys(fields).length) throw new AppError('validation_failed', firstMessage(fields), { fields });
  return { ...bot, pairs };
}

function firstMessage(fields: Record<string, string[]>): string {
  const [key, messages] = Object.entries(fields)[0] ?? ['', ['Check the highlighted fields.']];
  return key ? `${key}: ${messages[0]}` : messages[0]!;
}
