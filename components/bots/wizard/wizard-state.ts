import { parseOriginalSettings, parseSymbolLine } from '@/lib/bots/engine/strategies/balance-martingale-import';
import type { ExchangeId } from '@/lib/bots/exchanges';
import { DEFAULT_NOTIFY_EVENTS, type BotNotifyEvent } from '@/lib/bots/notify/events';
import type { LadderShape } from '@/lib/bots/engine/ladder';

// The creation wizard's state and its translation to the bot input lib/bots checks. Percentages
// are typed as percent (1.5) and sent as fractions (0.015); every strategy parameter applies to
// every pair of the bot.

export type StrategyChoice = 'dca_ladder' | 'balance_martingale';

export type WizardPair = { symbol: string; side: 'long' | 'short'; leverage: string; automatic: boolean };

export type WizardState = {
  name: string;
  exchange: ExchangeId;
  testnet: boolean;
  apiKey: string;
  apiSecret: string;
  runIntervalMinutes: string;
  paperStartingBalance: string;
  strategy: StrategyChoice;
  pairs: WizardPair[];
  /** Text fields by parameter name (percent fields hold percent). */
  params: Record<string, string>;
  sizeUnit: 'quote' | 'base';
  /** The three filter switches, plus any thresholds a backtest's draft carried (kept as they were). */
  filters: { emaEnabled: boolean; volatilityEnabled: boolean; declineEnabled: boolean } & Record<string, unknown>;
  notifyEmail: boolean;
  notifyEvents: BotNotifyEvent[];
  telegramChatId: string;
  telegramToken: string;
  /** Editing: the masked exchange keys and Telegram token already stored (empty fields keep them). */
  credentialsHint?: string | null;
  telegramTokenHint?: string | null;
};

export type ParamField = { name: string; label: string; percent?: boolean; hint?: string; optional?: boolean; integer?: boolean };

export const DCA_FIELDS: ParamField[] = [
  { name: 'baseOrderSize', label: 'Base order size', hint: 'In USDT, or coins when sizes are in base units.' },
  { name: 'safetyOrderSize', label: 'Safety order size' },
  { name: 'maxSafetyOrders', label: 'Max safety orders', integer: true },
  { name: 'activeSafetyOrders', label: 'Active safety orders', integer: true, hint: 'How many rest on the exchange at once.' },
  { name: 'priceDeviation', label: 'Price deviation to the first safety order', percent: true },
  { name: 'safetyOrderVolumeScale', label: 'Safety order volume scale', hint: 'Each safety order is this many times the one before.' },
  { name: 'safetyOrderStepScale', label: 'Safety order step scale', hint: 'Each gap is this many times the one before.' },
  { name: 'takeProfit', label: 'Take profit', percent: true, hint: 'On the whole position, from the average entry.' },
  { name: 'trailingDeviation', label: 'Trailing deviation', percent: true, optional: true, hint: 'Leave empty for a fixed take profit.' },
  { name: 'stopLoss', label: 'Stop loss', percent: true, optional: true, hint: 'From the average entry; leave empty for none.' },
  { name: 'cooldownMinutes', label: 'Cooldown between deals (minutes)', integer: true },
  { name: 'maxMarginPct', label: 'Margin cap (all pairs)', percent: true, hint: 'Share of the balance the bot’s margin may use; split across its active pairs.' },
];

export const ORIGINAL_FIELDS: ParamField[] = [
  { name: 'beginSizeOfBalance', label: 'First order size', percent: true, hint: 'balance × this × leverage ÷ price (BEGIN_SIZE_OF_BALANCE).' },
  { name: 'buyUntilLimit', label: 'Position limit', percent: true, hint: 'Target position margin ÷ balance (BUY_UNTIL_LIMIT).' },
  { name: 'profitThreshold', label: 'Profit threshold', percent: true, hint: 'Take profit when unrealised PnL ÷ balance is above this (PROFIT_THRESHOLD).' },
  { name: 'profitPnl', label: 'Close-all profit', percent: true, hint: 'Close everything when unrealised PnL ÷ margin is above this (PROFIT_PNL).' },
  { name: 'maxMarginPct', label: 'Margin cap (all pairs)', percent: true, hint: 'MAX_MARGIN_PCT.' },
];

const DCA_DEFAULTS: Record<string, string> = {
  baseOrderSize: '10',
  safetyOrderSize: '20',
  maxSafetyOrders: '5',
  activeSafetyOrders: '1',
  priceDeviation: '1',
  safetyOrderVolumeScale: '1.5',
  safetyOrderStepScale: '1.2',
  takeProfit: '1.5',
  trailingDeviation: '',
  stopLoss: '',
  cooldownMinutes: '0',
  maxMarginPct: '50',
};

const ORIGINAL_DEFAULTS: Record<string, string> = { beginSizeOfBalance: '0.6', buyUntilLimit: '2', profitThreshold: '0.3', profitPnl: '10', maxMarginPct: '50' };

export const fieldsOf = (strategy: StrategyChoice) => (strategy === 'dca_ladder' ? DCA_FIELDS : ORIGINAL_FIELDS);
export const defaultParams = (strategy: StrategyChoice) => ({ ...(strategy === 'dca_ladder' ? DCA_DEFAULTS : ORIGINAL_DEFAULTS) });

export function initialWizardState(): WizardState {
  return {
    name: '',
    exchange: 'paper',
    testnet: true,
    apiKey: '',
    apiSecret: '',
    runIntervalMinutes: '5',
    paperStartingBalance: '10000',
    strategy: 'dca_ladder',
    pairs: [{ symbol: 'BTCUSDT', side: 'long', leverage: '3', automatic: true }],
    params: defaultParams('dca_ladder'),
    sizeUnit: 'quote',
    filters: { emaEnabled: true, volatilityEnabled: true, declineEnabled: true },
    notifyEmail: true,
    notifyEvents: [...DEFAULT_NOTIFY_EVENTS],
    telegramChatId: '',
    telegramToken: '',
  };
}

/** A number field as typed: '' → undefined (the schema's default), otherwise the number (NaN for junk, which the schema names). */
function numberOf(text: string | undefined, percent = false): number | undefined {
  const trimmed = (text ?? '').trim().replace(',', '.');
  if (trimmed === '') return undefined;
  const value = Number(trimmed);
  return percent ? value / 100 : value;
}

export function strategyParams(state: WizardState): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of fieldsOf(state.strategy)) {
    const value = numberOf(state.params[field.name], field.percent);
    if (value !== undefined) params[field.name] = value;
    else if (field.optional) params[field.name] = null;
  }
  if (state.strategy === 'dca_ladder') params.sizeUnit = state.sizeUnit;
  return params;
}

/** The bot input the server checks (lib/bots/bot-input.ts). */
export function toBotConfig(state: WizardState): Record<string, unknown> {
  const params = strategyParams(state);
  return {
    name: state.name,
    exchange: state.exchange,
    testnet: state.testnet,
    ...(state.exchange !== 'paper' && (state.apiKey || state.apiSecret || !state.credentialsHint) ? { credentials: { apiKey: state.apiKey, apiSecret: state.apiSecret } } : {}),
    strategy: state.strategy,
    runIntervalMinutes: numberOf(state.runIntervalMinutes) ?? 5,
    paperStartingBalance: state.paperStartingBalance.trim() || '10000',
    notify: {
      email: state.notifyEmail,
      events: state.notifyEvents,
      telegram: state.telegramChatId.trim() ? { chatId: state.telegramChatId.trim(), botToken: state.telegramToken.trim() || undefined } : null,
    },
    pairs: state.pairs.map((pair) => ({
      symbol: pair.symbol,
      side: pair.side,
      leverage: numberOf(pair.leverage) ?? 1,
      automatic: pair.automatic,
      params,
      filters: state.filters,
    })),
  };
}

/** The ladder the preview table draws, or null while a field doesn't parse. */
export function ladderShapeOf(state: WizardState, side: 'long' | 'short'): LadderShape | null {
  const p = strategyParams(state);
  const shape = {
    side,
    sizeUnit: state.sizeUnit,
    baseOrderSize: Number(p.baseOrderSize ?? 10),
    safetyOrderSize: Number(p.safetyOrderSize ?? 20),
    maxSafetyOrders: Number(p.maxSafetyOrders ?? 5),
    priceDeviation: Number(p.priceDeviation ?? 0.01),
    volumeScale: Number(p.safetyOrderVolumeScale ?? 1.5),
    stepScale: Number(p.safetyOrderStepScale ?? 1.2),
    takeProfit: Number(p.takeProfit ?? 0.015),
  };
  const valid = Object.values(shape).every((v) => typeof v === 'string' || (Number.isFinite(v) && v >= 0)) && shape.maxSafetyOrders <= 50 && shape.priceDeviation > 0;
  return valid ? shape : null;
}

export type WizardStep = 'basics' | 'credentials' | 'pairs' | 'strategy' | 'notifications' | 'review';

/** Which step shows a server field error: `pairs.0.params.takeProfit` → strategy, and so on. */
export function stepOfField(path: string): WizardStep {
  if (path.startsWith('credentials')) return 'credentials';
  if (/^pairs\.\d+\.(params|filters)/.test(path)) return 'strategy';
  if (path.startsWith('pairs')) return 'pairs';
  if (path.startsWith('notify')) return 'notifications';
  return 'basics';
}

/** A strategy field's error from the server's paths (every pair has the same params). */
export function paramError(errors: Record<string, string[] | undefined> | undefined, name: string): string[] | undefined {
  if (!errors) return undefined;
  for (const [path, messages] of Object.entries(errors)) if (new RegExp(`^pairs\\.\\d+\\.params\\.${name}$`).test(path) && messages?.length) return messages;
  return undefined;
}

/**
 * The original bot's configuration pasted in: its `SYMBOL=` line becomes the pairs and its
 * `KEY=value` settings the parameters. Returns an error sentence instead when it doesn't parse.
 */
export function importOriginal(state: WizardState, text: string): WizardState | string {
  try {
    const lines = text.split(/\r?\n/);
    const symbolLine = lines.find((line) => /^\s*(export\s+)?symbols?\s*=/i.test(line));
    const rest = lines.filter((line) => line !== symbolLine).join('\n');
    const settings = parseOriginalSettings(rest);
    const leverage = String(settings.leverage ?? 10);
    const pairs = symbolLine ? parseSymbolLine(symbolLine).map((entry) => ({ symbol: entry.symbol, side: entry.side, leverage, automatic: entry.automatic })) : state.pairs;
    const params = defaultParams('balance_martingale');
    const percent = (value: number | undefined, fallback: string) => (value === undefined ? fallback : String(Math.round(value * 100 * 1e6) / 1e6));
    params.beginSizeOfBalance = percent(settings.beginSizeOfBalance, params.beginSizeOfBalance!);
    params.buyUntilLimit = percent(settings.buyUntilLimit, params.buyUntilLimit!);
    params.profitThreshold = percent(settings.profitThreshold, params.profitThreshold!);
    params.profitPnl = percent(settings.profitPnl, params.profitPnl!);
    params.maxMarginPct = percent(settings.maxMarginPct, params.maxMarginPct!);
    return { ...state, strategy: 'balance_martingale', pairs, params };
  } catch (error) {
    return error instanceof Error ? error.message : 'That configuration could not be read.';
  }
}

/** A stored configuration (a backtest's draft bot) back into the wizard's fields: fractions shown as percent again. */
export function wizardStateFromDraft(draft: {
  name: string;
  strategy: StrategyChoice;
  runIntervalMinutes: number;
  paperStartingBalance: string;
  pairs: { symbol: string; side: 'long' | 'short'; leverage: number; automatic: boolean; params: Record<string, unknown>; filters: Record<string, unknown> }[];
}): WizardState {
  const base = initialWizardState();
  const first = draft.pairs[0];
  const params = defaultParams(draft.strategy);
  for (const field of fieldsOf(draft.strategy)) {
    const value = first?.params[field.name];
    if (typeof value === 'number') params[field.name] = String(field.percent ? Math.round(value * 100 * 1e8) / 1e8 : value);
    else if (value === null && field.optional) params[field.name] = '';
  }
  const filters = first?.filters ?? {};
  return {
    ...base,
    name: draft.name.slice(0, 80),
    strategy: draft.strategy,
    runIntervalMinutes: String(draft.runIntervalMinutes),
    paperStartingBalance: draft.paperStartingBalance,
    pairs: draft.pairs.map((pair) => ({ symbol: pair.symbol, side: pair.side, leverage: String(pair.leverage), automatic: pair.automatic })),
    params,
    sizeUnit: first?.params.sizeUnit === 'base' ? 'base' : 'quote',
    filters: {
      ...filters,
      emaEnabled: filters.emaEnabled !== false,
      volatilityEnabled: filters.volatilityEnabled !== false,
      declineEnabled: filters.declineEnabled !== false,
    },
  };
}

/** An existing bot in the wizard, for editing: its stored keys stay unless new ones are typed. */
export function wizardStateFromBot(bot: {
  name: string;
  exchange: ExchangeId;
  testnet: boolean;
  credentialsHint: string | null;
  strategy: StrategyChoice;
  runIntervalMinutes: number;
  paperStartingBalance: string | null;
  notify: { email: boolean; events: BotNotifyEvent[]; telegram: { chatId: string; hint: string } | null };
  pairs: { symbol: string; side: 'long' | 'short'; leverage: number; automatic: boolean; params: Record<string, unknown>; filters: Record<string, unknown> }[];
}): WizardState {
  return {
    ...wizardStateFromDraft({ ...bot, paperStartingBalance: bot.paperStartingBalance ?? '10000' }),
    exchange: bot.exchange,
    testnet: bot.testnet,
    credentialsHint: bot.credentialsHint,
    notifyEmail: bot.notify.email,
    notifyEvents: [...bot.notify.events],
    telegramChatId: bot.notify.telegram?.chatId ?? '',
    telegramTokenHint: bot.notify.telegram?.hint ?? null,
  };
}
