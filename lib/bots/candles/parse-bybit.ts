import { z } from 'zod';
import type { Candle } from '../engine/types';
import { CandleFileError, type CandleProblem } from './candle-file-error';
import { MAX_PROBLEMS, oldestFirst, parseDecimal, type ParsedCandles } from './validate-candles';

// Bybit v5 GET /v5/market/kline: `result.list` rows are strings
// [startTime ms, open, high, low, close, volume, turnover], newest first.

const FIELDS = ['start time', 'open', 'high', 'low', 'close', 'volume', 'turnover'];
const decimal = z.string().refine((text) => parseDecimal(text) !== null, { error: 'not a number' });
const rowSchema = z.tuple([z.string().regex(/^\d+$/, { error: 'not a whole number of ms' }), decimal, decimal, decimal, decimal, decimal], z.unknown());
const envelopeSchema = z.object({ retCode: z.number(), retMsg: z.string().optional() });
const bodySchema = z.object({ result: z.object({ list: z.array(z.unknown()) }) });

/** Whether a parsed JSON document is a Bybit response (success or error). */
export function looksLikeBybit(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && 'retCode' in payload;
}

export function parseBybitKlines(payload: unknown): Candle[] {
  return readBybitKlines(payload).candles;
}

/** Oldest first, with each candle's 1-based position in `result.list` as its row. */
export function readBybitKlines(payload: unknown): ParsedCandles {
  const envelope = envelopeSchema.safeParse(payload);
  if (!envelope.success) throw new CandleFileError([{ row: 0, message: 'not a Bybit kline response: retCode is missing' }]);
  const { retCode, retMsg } = envelope.data;
  if (retCode !== 0) throw new CandleFileError([{ row: 0, message: `Bybit returned error ${retCode}${retMsg ? `: ${retMsg}` : ''}` }]);
  const body = bodySchema.safeParse(payload);
  if (!body.success) throw new CandleFileError([{ row: 0, message: 'not a Bybit kline response: result.list is missing' }]);

  const problems: CandleProblem[] = [];
  const candles: Candle[] = [];
  const rows: number[] = [];
  body.data.result.list.forEach((raw, i) => {
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const at = issue.path[0];
        problems.push({ row: i + 1, message: typeof at === 'number' ? `${FIELDS[at] ?? `item ${at + 1}`}: ${issue.message}` : 'expected [startTime, open, high, low, close, volume, turnover] as strings' });
      }
      return;
    }
    const [time, open, high, low, close, volume] = parsed.data;
    candles.push({ time: Number(time), open: parseDecimal(open)!, high: parseDecimal(high)!, low: parseDecimal(low)!, close: parseDecimal(close)!, volume: parseDecimal(volume)! });
    rows.push(i + 1);
  });
  if (problems.length > 0) throw new CandleFileError(problems.slice(0, MAX_PROBLEMS));
  return oldestFirst({ candles, rows });
}
