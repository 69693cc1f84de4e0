import { DEFAULT_FILTER_SETTINGS, filterSettingsSchema } from '../filters/settings';
import type { PositionSide } from '../types';
import { balanceMartingaleParamsSchema, type BalanceMartingaleParams } from './balance-martingale-params';

// Importing an original bot's configuration: its `SYMBOL=BTCUSDT:Long:true,…` line and its
// `KEY=value` environment lines, so a user can paste what they run today.

export interface SymbolEntry {
  symbol: string;
  side: PositionSide;
  automatic: boolean;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', 'off']);

function parseFlag(text: string): boolean | null {
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return null;
}

const unquote = (text: string) => text.trim().replace(/^(['"])(.*)\1$/, '$2').trim();

/** `SYMBOL=BTCUSDT:Long:true,ETHUSDT:Short:false` (the prefix optional). */
export function parseSymbolLine(line: string): SymbolEntry[] {
  let text = unquote(line.trim().replace(/^export\s+/i, ''));
  const prefix = /^symbols?\s*=/i.exec(text);
  if (prefix) text = unquote(text.slice(prefix[0].length));
  const entries = text.split(',').map((entry) => entry.trim()).filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new Error('The symbol line lists no symbols; write e.g. BTCUSDT:Long:true.');
  const seen = new Set<string>();
  return entries.map((entry) => {
    const parts = entry.split(':').map((part) => part.trim());
    if (parts.length !== 3) throw new Error(`"${entry}" should be SYMBOL:Long|Short:true|false.`);
    const [rawSymbol = '', rawSide = '', rawAutomatic = ''] = parts;
    const symbol = rawSymbol.toUpperCase();
    if (!/^[A-Z0-9][A-Z0-9._/-]{1,39}$/.test(symbol)) throw new Error(`"${entry}": "${rawSymbol}" is not a symbol.`);
    const sideWord = rawSide.toLowerCase();
    if (sideWord !== 'long' && sideWord !== 'short') throw new Error(`"${entry}": the side is Long or Short, not "${rawSide}".`);
    const automatic = parseFlag(rawAutomatic);
    if (automatic === null) throw new Error(`"${entry}": automatic is true or false, not "${rawAutomatic}".`);
    const key = `${symbol}:${sideWord}`;
    if (seen.has(key)) throw new Error(`"${entry}": ${symbol} ${sideWord} is listed twice.`);
    seen.add(key);
    return { symbol, side: sideWord, automatic };
  });
}

type NumberKey = 'leverage' | 'beginSizeOfBalance' | 'buyUntilLimit' | 'profitThreshold' | 'profitPnl' | 'maxMarginPct';

const NUMBER_KEYS: Record<string, NumberKey> = {
  LEVERAGE: 'leverage',
  BEGIN_SIZE_OF_BALANCE: 'beginSizeOfBalance',
  BUY_UNTIL_LIMIT: 'buyUntilLimit',
  PROFIT_THRESHOLD: 'profitThreshold',
  PROFIT_PNL: 'profitPnl',
  MAX_MARGIN_PCT: 'maxMarginPct',
};

/** Keys the original reads that are not strategy settings (the symbol line is parsed by parseSymbolLine). */
const NOT_SETTINGS = new Set(['SYMBOL', 'SYMBOLS']);

export type OriginalSettings = Partial<BalanceMartingaleParams> & {
  /** Keys that were in the text but mean nothing here, in the order met (never their values). */
  unknownKeys: string[];
};

/**
 * Pasted `KEY=value` lines (comments, blank lines, `export` and quotes allowed). Recognised keys
 * become params checked with the schema's own messages; EMA_INTERVAL yields a full `filters` object
 * (defaults plus that interval), so merge it over stored filters rather than replacing them.
 * Throws on a bad value, naming the key.
 */
export function parseOriginalSettings(env: string): OriginalSettings {
  const result: OriginalSettings = { unknownKeys: [] };
  const lines = env.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (!match) throw new Error(`Line ${index + 1} is not KEY=value: "${line.slice(0, 60)}".`);
    const key = match[1]!.toUpperCase();
    const value = unquote(match[2]!.replace(/\s+#.*$/, ''));
    const numberKey = NUMBER_KEYS[key];
    if (numberKey) {
      result[numberKey] = checked(key, balanceMartingaleParamsSchema.shape[numberKey], toNumber(key, value));
    } else if (key === 'EMA_INTERVAL') {
      const emaInterval = checked(key, filterSettingsSchema.shape.emaInterval, toNumber(key, value));
      result.filters = { ...DEFAULT_FILTER_SETTINGS, emaInterval };
    } else if (key === 'USE_POST_ONLY') {
      const flag = parseFlag(value);
      if (flag === null) throw new Error(`USE_POST_ONLY is true or false, not "${value}".`);
      result.usePostOnly = flag;
    } else if (!NOT_SETTINGS.has(key) && !result.unknownKeys.includes(key)) {
      result.unknownKeys.push(key);
    }
  });
  return result;
}

function toNumber(key: string, value: string): number {
  const number = value === '' ? Number.NaN : Number(value);
  if (!Number.isFinite(number)) throw new Error(`${key} must be a number, not "${value}".`);
  return number;
}

function checked<T>(key: string, schema: { safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: number): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`${key}=${value}: ${parsed.error.issues[0]?.message ?? 'out of range.'}`);
  return parsed.data;
}
