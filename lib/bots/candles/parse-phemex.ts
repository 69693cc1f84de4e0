import { z } from 'zod';
import type { Candle } from '../engine/types';
import { CandleFileError, type CandleProblem } from './candle-file-error';
import { MAX_PROBLEMS, oldestFirst, parseDecimal, type ParsedCandles } from './validate-candles';

// Phemex kline rows: [timestamp (s), interval (s), lastClose, open, high, low, close, volume,
// turnover]. Hedged perpetuals (`kline_p` over WebSocket, `data.rows` from the REST kline
// endpoints) send real values as decimal strings. The older contract feed sends integers scaled by
// 10^priceScale ("Ep" prices, volume in contracts unscaled); only the product list knows the scale,
// so the caller must pass it.

export interface PhemexOptions {
  /** The product's priceScale, needed only when prices are scaled integers. */
  priceScale?: number;
}

const FIELDS = ['timestamp', 'interval', 'last close', 'open', 'high', 'low', 'close', 'volume', 'turnover'];
const value = z.union([z.string().refine((text) => parseDecimal(text) !== null, { error: 'not a number' }), z.number()]);
const rowSchema = z.tuple([z.number().int().nonnegative(), z.number().int().positive(), value, value, value, value, value, value], z.unknown());
const responseSchema = z.object({ code: z.number(), msg: z.string().optional(), data: z.object({ rows: z.array(z.unknown()) }).optional() });

/** Whether a parsed JSON document has one of Phemex's kline shapes. */
export function looksLikePhemex(payload: unknown): boolean {
  return rowsOf(payload) !== null || responseSchema.safeParse(payload).success;
}

export function parsePhemexKlines(payload: unknown, opts: PhemexOptions = {}): Candle[] {
  return readPhemexKlines(payload, opts).candles;
}

/** Oldest first, with each candle's 1-based position in the row list as its row. */
export function readPhemexKlines(payload: unknown, opts: PhemexOptions = {}): ParsedCandles {
  const response = responseSchema.safeParse(payload);
  if (response.success && response.data.code !== 0) {
    throw new CandleFileError([{ row: 0, message: `Phemex returned error ${response.data.code}${response.data.msg ? `: ${response.data.msg}` : ''}` }]);
  }
  const list = rowsOf(payload);
  if (!list) throw new CandleFileError([{ row: 0, message: 'not a Phemex kline message: no kline_p, kline or data.rows list' }]);

  const problems: CandleProblem[] = [];
  const candles: Candle[] = [];
  const rows: number[] = [];
  let interval: { seconds: number; row: number } | null = null;
  let unscaled = false;
  const price = (v: string | number) => {
    if (typeof v === 'string') return parseDecimal(v)!;
    if (opts.priceScale === undefined) unscaled = true;
    return v / 10 ** (opts.priceScale ?? Number.NaN);
  };
  for (const [i, raw] of list.entries()) {
    const row = i + 1;
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const at = issue.path[0];
        problems.push({ row, message: typeof at === 'number' ? `${FIELDS[at] ?? `item ${at + 1}`}: ${issue.message}` : 'expected [timestamp, interval, lastClose, open, high, low, close, volume, turnover]' });
      }
      continue;
    }
    const [seconds, step, , open, high, low, close, volume] = parsed.data;
    if (interval === null) interval = { seconds: step, row };
    else if (step !== interval.seconds) problems.push({ row, message: `interval ${step} s differs from row ${interval.row}'s ${interval.seconds} s` });
    candles.push({
      time: seconds * 1000,
      open: price(open),
      high: price(high),
      low: price(low),
      close: price(close),
      volume: typeof volume === 'string' ? parseDecimal(volume)! : volume,
    });
    rows.push(row);
  }
  if (unscaled) problems.unshift({ row: 0, message: 'prices are scaled integers (Ep); the product priceScale is needed to read them' });
  if (interval && interval.seconds % 60 !== 0) problems.unshift({ row: 0, message: `interval ${interval.seconds} s is not a whole number of minutes` });
  if (problems.length > 0) throw new CandleFileError(problems.slice(0, MAX_PROBLEMS));
  return oldestFirst({ candles, rows, intervalMinutes: interval ? interval.seconds / 60 : undefined });
}

function rowsOf(payload: unknown): unknown[] | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as { kline_p?: unknown; kline?: unknown; data?: { rows?: unknown } | null };
  for (const list of [p.kline_p, p.kline, p.data?.rows]) if (Array.isArray(list)) return list;
  return null;
}
