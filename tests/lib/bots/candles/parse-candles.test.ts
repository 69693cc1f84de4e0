import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Candle } from '@/lib/bots/engine/types';
import { CandleFileError, type CandleProblem } from '@/lib/bots/candles/candle-file-error';
import { parseBybitKlines } from '@/lib/bots/candles/parse-bybit';
import { parseCandleFile } from '@/lib/bots/candles/parse-candle-file';
import { parseCandleCsv } from '@/lib/bots/candles/parse-csv';
import { parsePhemexKlines } from '@/lib/bots/candles/parse-phemex';
import { validateCandles } from '@/lib/bots/candles/validate-candles';
import path from 'node:path';
import { sharedFixturePath } from '../../../helpers/shared-fixtures';

const FIXTURES = path.dirname(sharedFixturePath('exchanges', 'kline.mdx.response-example.json'));
const bybitText = readFileSync(`${FIXTURES}/kline.mdx.response-example.json`, 'utf8');
const phemexText = readFileSync(`${FIXTURES}/Public-Hedged-Perpetual-API.md.kline_p-snapshot-sample.json`, 'utf8');
const bybit = () => JSON.parse(bybitText) as { retCode: number; retMsg: string; result: { list: string[][] } };
const phemex = () => JSON.parse(phemexText) as { kline_p: (string | number)[][] };

const H = 3_600_000;
const T = Date.UTC(2024, 0, 1);

/** The problems a call throws, or fails the test when it does not throw a CandleFileError. */
function problemsOf(fn: () => unknown): CandleProblem[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CandleFileError);
    return (error as CandleFileError).problems;
  }
  throw new Error('expected a CandleFileError');
}

const rowsOf = (problems: CandleProblem[]) => [...new Set(problems.map((p) => p.row))];

function csv(...rows: string[]): string {
  return ['timestamp,open,high,low,close,volume', ...rows].join('\n');
}

function hourly(n: number): Candle[] {
  return Array.from({ length: n }, (_, i) => ({ time: T + i * H, open: 100, high: 101, low: 99, close: 100.5, volume: 10 }));
}

describe('parseBybitKlines', () => {
  it('reads the fixture oldest first', () => {
    const candles = parseBybitKlines(bybit());
    expect(candles.map((c) => c.time)).toEqual([1670601600000, 1670605200000, 1670608800000]);
    expect(candles[0]).toEqual({ time: 1670601600000, open: 17086.5, high: 17088, low: 16978, close: 17071.5, volume: 6356 });
    expect(candles[2]).toEqual({ time: 1670608800000, open: 17071, high: 17073, low: 17027, close: 17055.5, volume: 268611 });
  });

  it('refuses an error response and malformed rows, naming the row in result.list', () => {
    expect(problemsOf(() => parseBybitKlines({ retCode: 10001, retMsg: 'params error', result: {} }))).toEqual([
      { row: 0, message: 'Bybit returned error 10001: params error' },
    ]);
    const payload = bybit();
    payload.result.list[1]![2] = 'abc';
    const problems = problemsOf(() => parseBybitKlines(payload));
    expect(problems).toEqual([{ row: 2, message: 'high: not a number' }]);
    expect(problemsOf(() => parseBybitKlines({ retCode: 0, result: { list: [['1', '2']] } }))[0]?.row).toBe(1);
    expect(problemsOf(() => parseBybitKlines({ foo: 1 }))[0]?.row).toBe(0);
  });
});

describe('parsePhemexKlines', () => {
  it('reads the fixture oldest first with times in ms', () => {
    const candles = parsePhemexKlines(phemex());
    expect(candles).toEqual([
      { time: 1666856280000, open: 20712.7, high: 20712.7, low: 20689.1, close: 20689.5, volume: 4.407 },
      { time: 1666856340000, open: 20686.2, high: 20695.4, low: 20686.2, close: 20691.6, volume: 2.742 },
    ]);
  });

  it('unscales integer (Ep) prices only when told the price scale', () => {
    const rest = { code: 0, msg: 'OK', data: { total: -1, rows: [[1592467200, 300, 23376000000, 23322000000, 23381000000, 23315000000, 23367000000, 208671000, 48759063370]] } };
    expect(parsePhemexKlines(rest, { priceScale: 8 })).toEqual([{ time: 1592467200000, open: 233.22, high: 233.81, low: 233.15, close: 233.67, volume: 208671000 }]);
    expect(problemsOf(() => parsePhemexKlines(rest))).toEqual([{ row: 0, message: expect.stringContaining('priceScale') }]);
  });

  it('names malformed rows', () => {
    const payload = phemex();
    payload.kline_p[1]![4] = 'x';
    expect(problemsOf(() => parsePhemexKlines(payload))).toEqual([{ row: 2, message: 'high: not a number' }]);
    expect(problemsOf(() => parsePhemexKlines({ code: 10002, msg: 'bad symbol' }))[0]?.message).toContain('10002');
  });
});

describe('parseCandleCsv', () => {
  const expected = { open: 100, high: 101, low: 99, close: 100.5, volume: 12.5 };

  it('reads ms, seconds and ISO-8601 timestamps', () => {
    const ms = parseCandleCsv(csv(`${T},100,101,99,100.5,12.5`, `${T + H},100,101,99,100.5,12.5`));
    expect(ms).toEqual([
      { time: T, ...expected },
      { time: T + H, ...expected },
    ]);
    expect(parseCandleCsv(csv(`${T / 1000},100,101,99,100.5,12.5`))).toEqual([{ time: T, ...expected }]);
    const iso = ['2024-01-01T00:00:00Z', '2024-01-01 01:00:00', '2024-01-01T04:00:00.000+02:00', '2024-01-01T03:00Z', '2024-01-02'];
    expect(parseCandleCsv(csv(...iso.map((t) => `${t},100,101,99,100.5,12.5`))).map((c) => c.time)).toEqual([T, T + H, T + 2 * H, T + 3 * H, T + 24 * H]);
  });

  it('takes the header in any case and order, ignores extra columns, strips a BOM and CRLF', () => {
    const text = `\uFEFFSymbol,Volume,TIMESTAMP,Open,High,Low,Close\r\nBTC,12.5,${T},100,101,99,100.5\r\n`;
    expect(parseCandleCsv(text)).toEqual([{ time: T, ...expected }]);
  });

  it('names the bad rows (header is row 1)', () => {
    const problems = problemsOf(() => parseCandleCsv(csv(`${T},100,101,99,100.5,1`, `${T + H},abc,101,99,100.5,1`, `${T + 2 * H},100,101,99`, `yesterday,100,101,99,100.5,1`)));
    expect(problems).toEqual([
      { row: 3, message: 'open "abc" is not a number' },
      { row: 4, message: 'close is missing' },
      { row: 4, message: 'volume is missing' },
      { row: 5, message: 'timestamp "yesterday" is not ms, seconds or ISO-8601' },
    ]);
    expect(problemsOf(() => parseCandleCsv(csv(`2024-02-30,100,101,99,100.5,1`)))[0]?.row).toBe(2);
    expect(problemsOf(() => parseCandleCsv('time,open,high,low,close\n1,2,3,4,5'))).toEqual([{ row: 1, message: expect.stringContaining('timestamp, volume') }]);
  });
});

describe('validateCandles', () => {
  it('infers the interval', () => {
    expect(validateCandles(hourly(5))).toEqual({ intervalMinutes: 60 });
    expect(validateCandles(hourly(5), { intervalMinutes: 60 })).toEqual({ intervalMinutes: 60 });
  });

  it('reports every problem by row', () => {
    const candles = hourly(8);
    candles[1] = { ...candles[1]!, high: 99.5 }; // row 2: high under the close
    candles[2] = { ...candles[2]!, volume: -1, low: Number.NaN }; // row 3
    candles[5] = { ...candles[5]!, time: candles[4]!.time }; // row 6: duplicate of row 5
    candles[7] = { ...candles[7]!, time: candles[7]!.time + 60_000 }; // row 8: off the hour
    const problems = problemsOf(() => validateCandles(candles));
    expect(problems).toEqual([
      { row: 2, message: 'high 99.5 is below the open or close' },
      { row: 3, message: 'low is not a finite number' },
      { row: 3, message: 'volume is negative' },
      { row: 6, message: 'duplicate timestamp 2024-01-01T04:00:00.000Z (also row 5)' },
      // Row 6 should have been 05:00, so 06:00 follows a gap.
      { row: 7, message: expect.stringContaining('gap: 1 candle missing between row 5') },
      { row: 8, message: expect.stringContaining('not aligned to the 60-minute interval') },
      { row: 8, message: expect.stringContaining('61 minutes after row 7') },
    ]);
  });

  it('finds unsorted rows and gaps', () => {
    const unsorted = hourly(5);
    [unsorted[2], unsorted[3]] = [unsorted[3]!, unsorted[2]!];
    expect(problemsOf(() => validateCandles(unsorted))).toEqual([
      { row: 3, message: expect.stringContaining('gap: 1 candle missing between row 2') },
      { row: 4, message: expect.stringContaining('out of order') },
    ]);
    const gapped = hourly(6).filter((_, i) => i !== 2 && i !== 3);
    expect(problemsOf(() => validateCandles(gapped))).toEqual([{ row: 3, message: expect.stringContaining('gap: 2 candles missing between row 2') }]);
    // Told the interval, a regular 2-hour series is all gaps.
    expect(rowsOf(problemsOf(() => validateCandles(hourly(3), { intervalMinutes: 120 })))).toEqual([2, 3]);
  });

  it('refuses empty and single-candle series and caps the list at 100', () => {
    expect(problemsOf(() => validateCandles([]))).toEqual([{ row: 0, message: 'the file has no candles' }]);
    expect(problemsOf(() => validateCandles(hourly(1)))[0]?.row).toBe(0);
    expect(validateCandles(hourly(1), { intervalMinutes: 60 })).toEqual({ intervalMinutes: 60 });
    const broken = hourly(300).map((c) => ({ ...c, volume: -1 }));
    const problems = problemsOf(() => validateCandles(broken));
    expect(problems).toHaveLength(100);
    expect(problems[99]?.row).toBe(100);
  });
});

describe('parseCandleFile', () => {
  it('detects the fixtures by content', () => {
    const b = parseCandleFile('klines.txt', bybitText);
    expect(b.format).toBe('bybit');
    expect(b.intervalMinutes).toBe(60);
    expect(b.candles[0]?.time).toBe(1670601600000);
    const p = parseCandleFile('phemex.json', phemexText);
    expect(p).toMatchObject({ format: 'phemex', intervalMinutes: 1 });
    expect(p.candles.map((c) => c.time)).toEqual([1666856280000, 1666856340000]);
  });

  it('reads CSV and names its rows when the series is broken', () => {
    const rows = [0, 1, 2, 3].map((i) => `${T + i * H},100,101,99,100.5,1`);
    expect(parseCandleFile('btc.csv', csv(...rows))).toMatchObject({ format: 'csv', intervalMinutes: 60 });
    expect(problemsOf(() => parseCandleFile('btc.csv', csv(rows[0]!, rows[2]!, rows[1]!, rows[3]!)))).toEqual([
      { row: 3, message: expect.stringContaining('gap') },
      { row: 4, message: expect.stringContaining('out of order') },
    ]);
    expect(problemsOf(() => parseCandleFile('btc.csv', csv(rows[0]!, rows[1]!, rows[1]!, rows[2]!)))).toEqual([
      { row: 4, message: expect.stringContaining('also row 3') },
    ]);
    expect(problemsOf(() => parseCandleFile('btc.csv', csv(rows[0]!, rows[1]!, rows[3]!)))).toEqual([{ row: 4, message: expect.stringContaining('gap: 1 candle') }]);
  });

  it('names the row as it stands in a newest-first Bybit list', () => {
    const payload = bybit();
    const list = payload.result.list;
    payload.result.list = [list[0]!, list[1]!, list[1]!, list[2]!];
    const problems = problemsOf(() => parseCandleFile('bybit.json', JSON.stringify(payload)));
    expect(problems).toEqual([{ row: 2, message: expect.stringContaining('also row 3') }]);
  });

  it('refuses invalid and unknown JSON at row 0', () => {
    expect(problemsOf(() => parseCandleFile('x.json', '{"retCode": 0,'))).toEqual([{ row: 0, message: expect.stringContaining('invalid JSON') }]);
    expect(problemsOf(() => parseCandleFile('x.json', 'timestamp,open'))[0]?.row).toBe(0);
    expect(problemsOf(() => parseCandleFile('x.txt', '{"candles": []}'))).toEqual([{ row: 0, message: expect.stringContaining('neither') }]);
  });
});
