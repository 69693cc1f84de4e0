import type { Candle } from '../engine/types';
import { CandleFileError } from './candle-file-error';
import { looksLikeBybit, readBybitKlines } from './parse-bybit';
import { readCandleCsv } from './parse-csv';
import { looksLikePhemex, readPhemexKlines } from './parse-phemex';
import { validateCandles, type ParsedCandles } from './validate-candles';

export type CandleFileFormat = 'csv' | 'bybit' | 'phemex';

export interface CandleFile {
  candles: Candle[];
  intervalMinutes: number;
  format: CandleFileFormat;
}

/**
 * An uploaded candle file, checked to be a gap-free series. The format comes from the content, as
 * people save API responses under any name; a `.json` name only insists on JSON.
 */
export function parseCandleFile(name: string, content: string): CandleFile {
  const text = content.replace(/^\uFEFF/, '');
  const start = text.trimStart()[0];
  if (start === '{' || start === '[' || /\.json$/i.test(name)) {
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (error) {
      throw new CandleFileError([{ row: 0, message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` }]);
    }
    if (looksLikeBybit(payload)) return checked('bybit', readBybitKlines(payload));
    if (looksLikePhemex(payload)) return checked('phemex', readPhemexKlines(payload));
    throw new CandleFileError([{ row: 0, message: 'JSON that is neither a Bybit nor a Phemex kline response' }]);
  }
  return checked('csv', readCandleCsv(text));
}

function checked(format: CandleFileFormat, parsed: ParsedCandles): CandleFile {
  const { intervalMinutes } = validateCandles(parsed.candles, { rows: parsed.rows, intervalMinutes: parsed.intervalMinutes });
  return { candles: parsed.candles, intervalMinutes, format };
}
