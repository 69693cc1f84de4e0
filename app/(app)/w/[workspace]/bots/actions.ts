'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { secret } from '@/lib/actions/secret';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { EXCHANGES } from '@/lib/bots/bot-input';
import { createBot, deleteBot, updateBot } from '@/lib/bots/bots';
import { pauseBot, resumeBot, startBot, stopBot } from '@/lib/bots/lifecycle';
import { requestBotRun } from '@/lib/bots/run-request';
import { AppError } from '@/lib/errors/app-error';

const botsPath = (slug: string) => `/w/${slug}/bots`;
const options = { permission: 'products.write', component: 'bots' } as const;

// The wizard sends the whole configuration as one JSON field: pairs and strategy parameters are
// nested, and lib/bots checks them all at once with field errors keyed by path.
const wizardSchema = z.object({
  config: secret(z.string().min(2).max(200_000)),
  launch: z.enum(['create', 'start']).default('create'),
});

function parseConfig(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', 'The form could not be read. Reload the page and try again.');
  }
}

export const createBotAction = workspaceAction({ ...options, input: wizardSchema }, async ({ input, tx, access, meta }) => {
  const bot = await createBot(tx, access.ctx, parseConfig(input.config), meta);
  if (input.launch === 'start') await startBot(tx, access.ctx, bot.id, meta);
  revalidatePath(botsPath(access.workspace.slug));
  redirect(`${botsPath(access.workspace.slug)}/${bot.id}`);
});

const botIdSchema = z.object({ botId: z.uuid({ error: 'That bot does not exist.' }) });

export const updateBotAction = workspaceAction({ ...options, input: wizardSchema.extend(botIdSchema.shape) }, async ({ input, tx, access, meta }) => {
  const bot = await updateBot(tx, access.ctx, input.botId, parseConfig(input.config), meta);
  revalidatePath(botsPath(access.workspace.slug), 'layout');
  redirect(`${botsPath(access.workspace.slug)}/${bot.id}`);
});

const lifecycle = (move: (tx: Parameters<typeof startBot>[0], ctx: Parameters<typeof startBot>[1], botId: string, meta: Parameters<typeof startBot>[3]) => Promise<unknown>) =>
  workspaceAction({ ...options, input: botIdSchema }, async ({ input, tx, access, meta }) => {
    await move(tx, access.ctx, input.botId, meta);
    revalidatePath(botsPath(access.workspace.slug), 'layout');
    return null;
  });

export const startBotAction = lifecycle((tx, ctx, botId, meta) => startBot(tx, ctx, botId, meta));
export const pauseBotAction = lifecycle((tx, ctx, botId, meta) => pauseBot(tx, ctx, botId, meta));
export const resumeBotAction = lifecycle((tx, ctx, botId, meta) => resumeBot(tx, ctx, botId, meta));
export const runBotNowAction = lifecycle((tx, ctx, botId, meta) => requestBotRun(tx, ctx, botId, meta));

export const stopBotAction = workspaceAction(
  { ...options, input: botIdSchema.extend({ closePositions: z.enum(['on', 'true']).optional() }) },
  async ({ input, tx, access, meta }) => {
    await stopBot(tx, access.ctx, input.botId, meta, { closePositions: input.closePositions !== undefined });
    revalidatePath(botsPath(access.workspace.slug), 'layout');
    return null;
  },
);

export const deleteBotAction = workspaceAction({ ...options, input: botIdSchema }, async ({ input, tx, access, meta }) => {
  await deleteBot(tx, access.ctx, input.botId, meta);
  revalidatePath(botsPath(access.workspace.slug));
  redirect(botsPath(access.workspace.slug));
});

const connectionSchema = z.object({
  exchange: z.enum(EXCHANGES.filter((e) => e !== 'paper') as ['bybit', 'phemex', 'binance']),
  testnet: z.enum(['true', 'false']).transform((v) => v === 'true'),
  apiKey: secret(z.string().trim().min(8, 'Paste the whole API key.').max(200)),
  apiSecret: secret(z.string().trim().min(8, 'Paste the whole API secret.').max(400)),
});

/** The wizard's "Test connection": reads the balance with the keys, stores nothing. */
export const testConnectionAction = workspaceAction({ ...options, input: connectionSchema }, async ({ input }) => {
  const { testExchangeConnection } = await import('@/lib/bots/exchange/ccxt-exchange');
  const result = await testExchangeConnection({ exchange: input.exchange, testnet: input.testnet, credentials: { apiKey: input.apiKey, apiSecret: input.apiSecret } });
  if (!result.ok) throw new AppError('bad_request', `The exchange refused the connection: ${result.message}`);
  return { balance: `${result.balance.wallet} ${result.balance.currency}` };
});
