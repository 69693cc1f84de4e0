import { describe, expect, it } from 'vitest';
import type { Candle } from '@/lib/bots/engine/types';
import { SimulatedMarket } from '@/lib/bots/exchange/simulated-market';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2024, 0, 1);

const market = new SimulatedMarket();

function stddev(values: number[]): number {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length);
}

function logReturns(candles: Candle[]): number[] {
  return candles.slice(1).map((c, i) => Math.log(c.close / candles[i]!.close));
}

describe('SimulatedMarket', () => {
  it('is deterministic across instances and differs between seeds', () => {
    const range = { since: T0, until: T0 + 3 * HOUR };
    const a = new SimulatedMarket().candles('BTCUSDT', 1, range);
    const b = new SimulatedMarket('tessera').candles('BTCUSDT', 1, range);
    const c = new SimulatedMarket('other').candles('BTCUSDT', 1, range);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(new SimulatedMarket('other').price('ETHUSDT', T0 + 12_345)).toBe(new SimulatedMarket('other').price('ETHUSDT', T0 + 12_345));
  });

  it('gives the same candle by random access as in a series', () => {
    const series = market.candles('SOLUSDT', 15, { since: T0, until: T0 + DAY });
    const fresh = new SimulatedMarket();
    expect(fresh.candleAt('SOLUSDT', 15, series[40]!.time)).toEqual(series[40]);
    // Any time inside the candle names the same candle.
    expect(fresh.candleAt('SOLUSDT', 15, series[40]!.time + 7 * MINUTE + 5)).toEqual(series[40]);
  });

  it('keeps OHLC invariants for every symbol and interval', () => {
    const broken: string[] = [];
    for (const symbol of SimulatedMarket.SYMBOLS) {
      const tick = market.rules(symbol)!.tickSize;
      for (const interval of [1, 5, 15, 60, 240, 1440]) {
        const candles = market.candles(symbol, interval, { since: T0, until: T0 + 500 * interval * MINUTE });
        expect(candles).toHaveLength(500);
        for (const c of candles) {
          const ok =
            c.high >= Math.max(c.open, c.close) &&
            c.low <= Math.min(c.open, c.close) &&
            c.low > 0 &&
            c.volume > 0 &&
            Math.abs(c.close / tick - Math.round(c.close / tick)) < 1e-6;
          if (!ok) broken.push(`${symbol} ${interval}m ${JSON.stringify(c)}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('returns closed, aligned candles with open time in [since, until), oldest first', () => {
    const candles = market.candles('BTCUSDT', 60, { since: T0 + 10 * MINUTE, until: T0 + 5 * HOUR });
    expect(candles.map((c) => c.time)).toEqual([1, 2, 3, 4].map((h) => T0 + h * HOUR));
    expect(market.candles('BTCUSDT', 60, { since: T0, until: T0 })).toEqual([]);
    // The candle that opened at 4:00 has not closed by 4:30, so it is not given.
    expect(market.candles('BTCUSDT', 60, { since: T0 + 3 * HOUR, until: T0 + 4.5 * HOUR }).map((c) => c.time)).toEqual([T0 + 3 * HOUR]);
    expect(market.candleAt('BTCUSDT', 240, T0 + 5 * HOUR).time).toBe(T0 + 4 * HOUR);
  });

  it('builds every interval from the same 1-minute path', () => {
    const hours = market.candles('ETHUSDT', 60, { since: T0, until: T0 + 48 * HOUR });
    for (const hour of hours) {
      expect(hour.open).toBe(market.candleAt('ETHUSDT', 1, hour.time).open);
      expect(hour.close).toBe(market.candleAt('ETHUSDT', 1, hour.time + HOUR).open);
      expect(hour.close).toBe(market.price('ETHUSDT', hour.time + HOUR));
    }
    // An hour looks at every minute in it, so its extremes are the minutes' extremes.
    const minutes = market.candles('ETHUSDT', 1, { since: hours[7]!.time, until: hours[7]!.time + HOUR });
    expect(hours[7]!.high).toBe(Math.max(...minutes.map((m) => m.high)));
    expect(hours[7]!.low).toBe(Math.min(...minutes.map((m) => m.low)));
    const day = market.candleAt('ETHUSDT', 1440, T0);
    expect(day.open).toBe(hours[0]!.open);
    expect(day.close).toBe(hours[23]!.close);
  });

  it('moves like a crypto market: 1-minute returns of about 0.1 %, daily ranges of a few %', () => {
    const week = market.candles('BTCUSDT', 1, { since: T0, until: T0 + 7 * DAY });
    const sd = stddev(logReturns(week));
    expect(sd).toBeGreaterThan(0.0002);
    expect(sd).toBeLessThan(0.005);
    const days = market.candles('BTCUSDT', 1440, { since: T0, until: T0 + 90 * DAY });
    const ranges = days.map((d) => d.high / d.low - 1).sort((a, b) => a - b);
    expect(ranges[45]).toBeGreaterThan(0.01);
    expect(ranges[45]).toBeLessThan(0.1);
    expect(market.basePrice('BTCUSDT')).toBe(60_000);
    for (const d of days) expect(d.close / 60_000).toBeGreaterThan(0.4);
  });

  it('has volume that grows with volatility', () => {
    const days = market.candles('BTCUSDT', 1440, { since: T0, until: T0 + 120 * DAY });
    const byRange = [...days].sort((a, b) => a.high / a.low - b.high / b.low);
    const volume = (cs: Candle[]) => cs.reduce((sum, c) => sum + c.volume, 0);
    expect(volume(byRange.slice(-30))).toBeGreaterThan(volume(byRange.slice(0, 30)));
  });

  it('crashes now and then: a drop of more than 10 % within 24 h in two years of BTCUSDT', () => {
    const hours = market.candles('BTCUSDT', 60, { since: Date.UTC(2023, 0, 1), until: Date.UTC(2025, 0, 1) });
    let worst = 0;
    for (let i = 24; i < hours.length; i++) {
      const peak = Math.max(...hours.slice(i - 24, i).map((h) => h.high));
      worst = Math.min(worst, hours[i]!.low / peak - 1);
    }
    expect(worst).toBeLessThan(-0.1);
  });

  it('has realistic rules and refuses unknown symbols', () => {
    expect(market.rules('BTCUSDT')).toEqual({
      symbol: 'BTCUSDT',
      lotStep: 0.001,
      tickSize: 0.1,
      minQty: 0.001,
      maxQty: 100,
      minNotional: 5,
      maxLeverage: 100,
      maintMarginRate: 0.005,
    });
    expect(market.rules('ETHUSDT')).toMatchObject({ lotStep: 0.01, tickSize: 0.01 });
    for (const symbol of SimulatedMarket.SYMBOLS) expect(market.rules(symbol)?.symbol).toBe(symbol);
    expect(market.rules('FOOUSDT')).toBeNull();
    expect(market.rules('btcusdt')).toBeNull();
    expect(market.rules('BTC/USDT:USDT')).toBeNull();
    expect(() => market.candleAt('FOOUSDT', 1, T0)).toThrow(RangeError);
    expect(() => market.candles('BTCUSDT', 0, { since: T0, until: T0 + HOUR })).toThrow(RangeError);
  });

  it('computes a year of 1-minute candles quickly', () => {
    const started = performance.now();
    const year = market.candles('BTCUSDT', 1, { since: T0, until: T0 + 525_600 * MINUTE });
    const elapsed = performance.now() - started;
    expect(year).toHaveLength(525_600);
    expect(elapsed).toBeLessThan(2_000);
  });
});
