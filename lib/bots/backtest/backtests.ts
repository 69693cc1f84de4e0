import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { botBacktests } from '@/db/schema';
import { withTenant, type TenantContext, type Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { assertFeature, checkLimit, consumeQuota } from '@/lib/billing/gates';
import { AppError } from '@/lib/errors/app-error';
import { enqueueWorkflow } from '@/lib/jobs/outbox';
import { confirmUpload, storage, tenantKey, tenantPrefix, type FileStorage, type UploadTarget } from '@/lib/storage';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { CandleFileError } from '../candles/candle-file-error';
import { parseCandleFile } from '../candles/parse-candle-file';
import type { Candle, MarketRules, StrategyId } from '../engine/types';
import { SimulatedMarket } from '../exchange/simulated-market';
import { strategyParamsFor } from '../run/strategy-params';
import { parseStrategyConfig } from '../strategies';
import { backtestInputSchema, type BacktestInput, type CandleSource } from './input';
import type { BacktestResult } from './recorder';
import { BacktestSimulation } from './simulate';

// Backtests as a workspace sees them: created from parameters and a candle source (the simulated
// market for a period, or an uploaded CSV / Bybit / Phemex file), run by the `bot-backtest`
// workflow in chunks that write progress as they go, results stored on the row.

export const MAX_CANDLE_UPLOAD_BYTES = 64 * 1024 * 1024;
const CHUNK = 50_000;
const DAY = 86_400_000;
const market = new SimulatedMarket();

export type BacktestStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface BacktestItem {
  id: string;
  name: string;
  strategy: StrategyId;
  symbol: string;
  side: 'long' | 'short';
  leverage: number;
  params: Record<string, unknown>;
  filters: Record<string, unknown>;
  source: CandleSource & { model?: string; decisionEveryMinutes?: number; feeRate?: number; slippage?: number };
  startingBalance: string;
  status: BacktestStatus;
  progress: number;
  candles: number | null;
  results: BacktestResult | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

function item(row: typeof botBacktests.$inferSelect): BacktestItem {
  return {
    id: row.id,
    name: row.name,
    strategy: row.strategy as StrategyId,
    symbol: row.symbol,
    side: row.side as 'long' | 'short',
    leverage: row.leverage,
    params: row.params,
    filters: row.filters,
    source: row.source as BacktestItem['source'],
    startingBalance: row.startingBalance,
    status: row.status as BacktestStatus,
    progress: row.progress,
    candles: row.candles,
    results: (row.results as BacktestResult | null) ?? null,
    error: row.error,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

const pathKey = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** The input checked whole, strategy parameters included: AppError('validation_failed') with `details.fields`. */
export function parseBacktestInput(raw: unknown): BacktestInput {
  const fields: Record<string, string[]> = {};
  const add = (key: string, message: string) => (fields[key] ??= []).push(message);
  const base = backtestInputSchema.safeParse(raw);
  if (!base.success) {
    for (const issue of base.error.issues) add(pathKey(issue.path), issue.message);
  } else {
    const parsed = parseStrategyConfig(base.data.strategy, { params: { ...base.data.params, side: base.data.side, leverage: base.data.leverage }, filters: base.data.filters });
    if (!parsed.ok) for (const issue of parsed.issues) add(pathKey(issue.path), issue.message);
    if (base.data.source.kind === 'simulated' && !market.rules(base.data.symbol)) {
      add('symbol', `The simulated market has ${SimulatedMarket.SYMBOLS.join(', ')}; upload candles for other symbols.`);
    }
  }
  if (Object.keys(fields).length || !base.success) {
    const [key, messages] = Object.entries(fields)[0]!;
    throw new AppError('validation_failed', `${key}: ${messages[0]}`, { fields });
  }
  return base.data;
}

/** Where the browser uploads a candle file: a fresh key under this workspace's prefix. */
export async function candleUploadTarget(ctx: TenantContext, size: number, store: FileStorage = storage()): Promise<{ key: string; target: UploadTarget }> {
  if (!Number.isInteger(size) || size < 1 || size > MAX_CANDLE_UPLOAD_BYTES) throw new AppError('payload_too_large', `Candle files are at most ${MAX_CANDLE_UPLOAD_BYTES / 1024 / 1024} MB.`);
  const key = tenantKey(ctx.tenantId, 'uploads', `candles-${randomUUID()}`);
  const target = await store.signedUploadTarget(key, { expiresInSeconds: 3600, maxBytes: MAX_CANDLE_UPLOAD_BYTES, size });
  return { key, target };
}

const isOwnCandleUpload = (tenantId: string, key: string) => key.startsWith(`${tenantPrefix(tenantId)}uploads/candles-`) && /^[0-9a-f-]{36}\/uploads\/candles-[0-9a-f-]{36}$/.test(key);

async function readCandleUpload(tenantId: string, source: Extract<CandleSource, { kind: 'upload' }>, store: FileStorage): Promise<ReturnType<typeof parseCandleFile>> {
  if (!isOwnCandleUpload(tenantId, source.key)) throw new AppError('not_found', 'No such upload.');
  const object = await confirmUpload(store, source.key, { maxBytes: MAX_CANDLE_UPLOAD_BYTES });
  const file = object ? await store.get(source.key) : null;
  if (!file) throw new AppError('bad_request', 'The candle file did not arrive. Please upload it again.');
  try {
    return parseCandleFile(source.name, await text(file.body));
  } catch (error) {
    if (error instanceof CandleFileError) {
      throw new AppError('validation_failed', `The candle file has problems: ${error.message}`, { fields: { 'source.key': [error.message] }, problems: error.problems.slice(0, 100) });
    }
    throw error;
  }
}

/**
 * Creates and queues a backtest. An uploaded file is checked here, whole, so a malformed, unsorted,
 * gapped or duplicated file is refused with its rows named and nothing is queued.
 */
export async function createBacktest(tx: Tx, ctx: TenantContext, raw: unknown, meta: RequestMeta, options: { store?: FileStorage; now?: Date } = {}): Promise<BacktestItem> {
  const input = parseBacktestInput(raw);
  const now = options.now ?? new Date();
  await assertFeature(tx, ctx.tenantId, 'bots.backtest');
  const [{ today }] = (await tx
    .select({ today: sql<number>`count(*)::int` })
    .from(botBacktests)
    .where(gte(botBacktests.createdAt, new Date(Math.floor(now.getTime() / DAY) * DAY)))) as [{ today: number }];
  await checkLimit(tx, ctx.tenantId, 'backtests.per_day', today);
  let candles: number | null = null;
  if (input.source.kind === 'upload') {
    const file = await readCandleUpload(ctx.tenantId, input.source, options.store ?? storage());
    candles = file.candles.length;
  } else {
    candles = Math.round((Date.parse(input.source.to) - Date.parse(input.source.from)) / 60_000);
  }
  const [row] = await tx
    .insert(botBacktests)
    .values({
      tenantId: ctx.tenantId,
      name: input.name,
      strategy: input.strategy,
      symbol: input.symbol,
      side: input.side,
      leverage: input.leverage,
      params: input.params,
      filters: input.filters,
      source: { ...input.source, model: input.model, decisionEveryMinutes: input.decisionEveryMinutes, feeRate: input.feeRate, slippage: input.slippage },
      startingBalance: input.startingBalance,
      candles,
      createdBy: ctx.userId,
      createdAt: now,
    })
    .returning();
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    action: 'bot.backtest_started',
    actorUserId: ctx.userId,
    targetType: 'backtest',
    targetId: row!.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { name: input.name, strategy: input.strategy, symbol: input.symbol, source: input.source.kind, candles },
  });
  const { backtestWorkflow } = await import('./workflow');
  await enqueueWorkflow(tx, backtestWorkflow, { tenantId: ctx.tenantId, backtestId: row!.id });
  return item(row!);
}

export async function listBacktests(tx: Tx, options: { limit?: number } = {}): Promise<BacktestItem[]> {
  const rows = await tx.select().from(botBacktests).orderBy(desc(botBacktests.createdAt), desc(botBacktests.id)).limit(options.limit ?? 50);
  return rows.map(item);
}

export async function getBacktest(tx: Tx, id: string): Promise<BacktestItem | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await tx.select().from(botBacktests).where(eq(botBacktests.id, id));
  return row ? item(row) : null;
}

async function candlesFor(tenantId: string, backtest: BacktestItem, store: FileStorage): Promise<{ candles: Candle[]; rules: MarketRules; intervalMinutes: number }> {
  const source = backtest.source;
  if (source.kind === 'simulated') {
    const rules = market.rules(backtest.symbol);
    if (!rules) throw new AppError('validation_failed', `The simulated market has no ${backtest.symbol}.`);
    return { candles: market.candles(backtest.symbol, 1, { since: Date.parse(source.from), until: Date.parse(source.to) }), rules, intervalMinutes: 1 };
  }
  const file = await readCandleUpload(tenantId, source, store);
  // An uploaded file carries no market rules: the simulated market's for the symbol, or fine steps.
  const rules = market.rules(backtest.symbol) ?? { symbol: backtest.symbol, lotStep: 0.000001, tickSize: 0.000001, minQty: 0.000001, maxQty: 1e12, minNotional: 0, maxLeverage: 125, maintMarginRate: 0.005 };
  return { candles: file.candles, rules, intervalMinutes: file.intervalMinutes };
}

/**
 * The workflow's work: runs the backtest in chunks, writing progress between them, then the
 * results, meters the candles and tells webhooks. A second delivery of a finished one does nothing.
 */
export async function executeBacktest(ctx: TenantContext, backtestId: string, options: { store?: FileStorage; now?: () => Date } = {}): Promise<{ status: BacktestStatus }> {
  const now = options.now ?? (() => new Date());
  const backtest = await withTenant(ctx, (tx) => getBacktest(tx, backtestId));
  if (!backtest) return { status: 'failed' };
  if (backtest.status === 'succeeded' || backtest.status === 'failed') return { status: backtest.status };
  await withTenant(ctx, (tx) => tx.update(botBacktests).set({ status: 'running', progress: 0, startedAt: now() }).where(eq(botBacktests.id, backtestId)));
  try {
    const { candles, rules, intervalMinutes } = await candlesFor(ctx.tenantId, backtest, options.store ?? storage());
    if (!candles.length) throw new AppError('validation_failed', 'The period has no candles.');
    const params = strategyParamsFor(backtest.strategy, { side: backtest.side, leverage: backtest.leverage, automatic: true, params: backtest.params, filters: backtest.filters });
    const simulation = new BacktestSimulation({
      strategy: backtest.strategy,
      params,
      rules,
      startingBalance: Number(backtest.startingBalance),
      model: backtest.source.model === 'original' ? 'original' : 'tessera',
      decisionEveryMinutes: Math.max(backtest.source.decisionEveryMinutes ?? 5, intervalMinutes),
      candleMinutes: intervalMinutes,
      feeRate: backtest.source.feeRate,
      slippage: backtest.source.slippage,
    });
    let lastProgress = 0;
    for (let start = 0; start < candles.length; start += CHUNK) {
      simulation.feed(candles.slice(start, start + CHUNK));
      const progress = Math.min(99, Math.floor(((start + CHUNK) / candles.length) * 100));
      if (progress >= lastProgress + 5) {
        lastProgress = progress;
        await withTenant(ctx, (tx) => tx.update(botBacktests).set({ progress }).where(and(eq(botBacktests.id, backtestId), eq(botBacktests.status, 'running'))));
      }
    }
    const results = simulation.finish();
    await withTenant(ctx, async (tx) => {
      await tx.update(botBacktests).set({ status: 'succeeded', progress: 100, candles: candles.length, results: results as unknown as Record<string, unknown>, finishedAt: now() }).where(eq(botBacktests.id, backtestId));
      await consumeQuota(tx, ctx.tenantId, 'backtest.candles', candles.length, `backtest:${backtestId}`);
      await emitWebhookEvent(tx, ctx.tenantId, 'backtest.completed', { backtest_id: backtestId, status: 'succeeded', net_profit: results.metrics.netProfit.toFixed(8) });
    });
    return { status: 'succeeded' };
  } catch (error) {
    const message = error instanceof AppError ? error.message : 'The backtest failed unexpectedly.';
    await withTenant(ctx, async (tx) => {
      await tx.update(botBacktests).set({ status: 'failed', error: message, finishedAt: now() }).where(eq(botBacktests.id, backtestId));
      await emitWebhookEvent(tx, ctx.tenantId, 'backtest.completed', { backtest_id: backtestId, status: 'failed', net_profit: null });
    });
    if (error instanceof AppError) return { status: 'failed' };
    throw error;
  }
}

/** The parameters a bot made from this backtest starts with (the wizard pre-fills them). */
export function botDraftFromBacktest(backtest: BacktestItem) {
  return {
    name: `${backtest.name} bot`,
    exchange: 'paper' as const,
    strategy: backtest.strategy,
    runIntervalMinutes: backtest.source.decisionEveryMinutes ?? 5,
    paperStartingBalance: backtest.startingBalance,
    pairs: [{ symbol: backtest.symbol, side: backtest.side, leverage: backtest.leverage, automatic: true, params: backtest.params, filters: backtest.filters }],
  };
}
