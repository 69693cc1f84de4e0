import { declineClass, declineSmoothness, scoreDecline } from './filters/decline';
import type { FilterSettings } from './filters/settings';
import { assessVolatility } from './filters/volatility';
import { Atr, originalAtrMean, trueRange } from './indicators/atr';
import { BollingerBands } from './indicators/bollinger';
import { Ema } from './indicators/ema';
import { HistoricalVolatility } from './indicators/historical-volatility';
import { meanBack, rateOfChange } from './indicators/rate-of-change';
import { RingWindow } from './indicators/ring-window';
import type { Candle, DeclineReading, Features, VolatilityReading } from './types';

// The indicator readings a strategy sees, kept up to date from one-minute candles (oldest first).
// A backtest pushes a year of minutes, so push() allocates nothing and does O(1) work; the
// windowed sums (Bollinger, volatility, the original's mean ATR, decline velocity) run once per
// closed aggregate candle or lazily on read.
//
// Aggregation: minutes are grouped into UTC-aligned buckets of the EMA interval, of an hour, and
// of the volatility interval, like an exchange's klines. Only closed buckets count — the original
// computes on closed candles fetched from the exchange. A bucket closes when its last minute
// arrives, or when a minute of a later bucket arrives (a gap at its end). The very first bucket
// is dropped when the stream starts in its middle (its open/high/low would be partial), and a
// candle not newer than the previous one is ignored. So push only closed one-minute candles.
//
// Warm-up: EMA readings are null until `span` bucket closes (the seed then weighs (1−α)^span);
// volatility and decline readings are null until a full `volatilityWindow` of buckets (the
// original always had its 100 candles), and roc30 needs 31.

const MINUTE = 60_000;

interface BucketSink {
  closeBucket(open: number, high: number, low: number, close: number, volume: number): void;
}

class BucketAggregator {
  private readonly ms: number;
  private id = 0;
  private open = 0;
  private high = 0;
  private low = 0;
  private close = 0;
  private volume = 0;
  private active = false;
  private partial = false;
  private started = false;

  constructor(
    minutes: number,
    private readonly sink: BucketSink,
  ) {
    this.ms = minutes * MINUTE;
  }

  add(candle: Candle): void {
    const id = Math.floor(candle.time / this.ms);
    if (this.active && id !== this.id) this.flush();
    if (!this.active) {
      this.id = id;
      this.open = candle.open;
      this.high = candle.high;
      this.low = candle.low;
      this.close = candle.close;
      this.volume = candle.volume;
      this.active = true;
      this.partial = !this.started && candle.time !== id * this.ms;
      this.started = true;
    } else {
      if (candle.high > this.high) this.high = candle.high;
      if (candle.low < this.low) this.low = candle.low;
      this.close = candle.close;
      this.volume += candle.volume;
    }
    if (candle.time + MINUTE >= (id + 1) * this.ms) this.flush();
  }

  private flush(): void {
    this.active = false;
    if (!this.partial) this.sink.closeBucket(this.open, this.high, this.low, this.close, this.volume);
    this.partial = false;
  }
}

class EmaPair implements BucketSink {
  readonly fast: Ema;
  readonly slow: Ema;
  constructor(fastSpan: number, slowSpan: number) {
    this.fast = new Ema(fastSpan);
    this.slow = new Ema(slowSpan);
  }
  closeBucket(_open: number, _high: number, _low: number, close: number): void {
    this.fast.update(close);
    this.slow.update(close);
  }
}

class TrendEma implements BucketSink {
  readonly ema: Ema;
  constructor(span: number) {
    this.ema = new Ema(span);
  }
  closeBucket(_open: number, _high: number, _low: number, close: number): void {
    this.ema.update(close);
  }
}

/** Rolls at least 31 closes so roc30 exists whatever the window. */
const DECLINE_LOOKBACK = 31;

class VolatilityWindow implements BucketSink {
  readonly highs: RingWindow;
  readonly lows: RingWindow;
  readonly closes: RingWindow;
  readonly volumes: RingWindow;
  readonly trueRanges: RingWindow;
  readonly atr: Atr;
  readonly bollinger: BollingerBands;
  readonly hv: HistoricalVolatility;
  readonly needed: number;
  /** Bumped on every close, so reads recompute the windowed readings only when something changed. */
  version = 0;

  constructor(private readonly settings: FilterSettings) {
    const capacity = Math.max(settings.volatilityWindow, DECLINE_LOOKBACK);
    this.needed = capacity;
    this.highs = new RingWindow(capacity);
    this.lows = new RingWindow(capacity);
    this.closes = new RingWindow(capacity);
    this.volumes = new RingWindow(capacity);
    this.trueRanges = new RingWindow(capacity);
    this.atr = new Atr(settings.atrPeriod, 'ema');
    this.bollinger = new BollingerBands(settings.bollingerPeriod, settings.bollingerStdDev);
    this.hv = new HistoricalVolatility(settings.historicalVolatilityPeriod);
  }

  closeBucket(_open: number, high: number, low: number, close: number, volume: number): void {
    this.trueRanges.push(trueRange(high, low, this.closes.back(0)));
    this.highs.push(high);
    this.lows.push(low);
    this.closes.push(close);
    this.volumes.push(volume);
    this.atr.update(high, low, close);
    this.bollinger.update(close);
    this.hv.update(close);
    this.version++;
  }

  get ready(): boolean {
    return this.closes.length >= this.needed;
  }

  readVolatility(out: VolatilityReading): void {
    // The streaming ATR starts at the stream's first candle, the original's at its window's: the
    // seed's weight (1 − 2/15)^99 ≈ 7e-7 makes the two agree to that relative amount.
    out.atr = this.atr.value;
    const oldest = this.settings.volatilityWindow - 1;
    out.atrMean = originalAtrMean(this.trueRanges, this.highs.back(oldest) - this.lows.back(oldest), this.settings.atrPeriod, this.settings.volatilityWindow);
    out.bollingerWidth = this.bollinger.width;
    out.historicalVolatility = this.hv.value;
    const verdict = assessVolatility(out, this.settings);
    out.high = verdict.high;
    out.trigger = verdict.trigger;
  }

  readDecline(out: DeclineReading): void {
    const roc5 = rateOfChange(this.closes, 5) ?? 0;
    const roc15 = rateOfChange(this.closes, 15) ?? 0;
    out.roc5 = roc5;
    out.roc15 = roc15;
    out.roc30 = rateOfChange(this.closes, 30) ?? 0;
    out.smoothness = declineSmoothness(roc5, roc15);
    // The original skips the volume test when the earlier volumes are all 0; a ratio of 0 scores nothing.
    const earlier = meanBack(this.volumes, 5, 20);
    const recent = meanBack(this.volumes, 0, 4);
    out.volumeRatio = earlier && recent !== null ? recent / earlier : 0;
    out.score = scoreDecline(out.roc5, out.smoothness, out.volumeRatio);
    out.class = declineClass(out.score, this.settings);
  }
}

const emptyVolatility = (): VolatilityReading => ({ high: false, trigger: null, atr: null, atrMean: null, bollingerWidth: null, historicalVolatility: null });
const emptyDecline = (): DeclineReading => ({ score: 0, class: 'SLOW_DECLINE', roc5: 0, roc15: 0, roc30: 0, smoothness: 1, volumeRatio: 0 });

export class FeatureTracker {
  private readonly emaBuckets: BucketAggregator;
  private readonly hourBuckets: BucketAggregator;
  private readonly volatilityBuckets: BucketAggregator;
  private readonly emas: EmaPair;
  private readonly trend: TrendEma;
  private readonly window: VolatilityWindow;
  private lastTime = Number.NEGATIVE_INFINITY;
  private readonly volatility = emptyVolatility();
  private readonly decline = emptyDecline();
  private computedVersion = -1;

  constructor(settings: FilterSettings) {
    this.emas = new EmaPair(settings.emaFastSpan, settings.emaSlowSpan);
    this.trend = new TrendEma(settings.trendEmaSpan);
    this.window = new VolatilityWindow(settings);
    this.emaBuckets = new BucketAggregator(settings.emaInterval, this.emas);
    this.hourBuckets = new BucketAggregator(60, this.trend);
    this.volatilityBuckets = new BucketAggregator(settings.volatilityInterval, this.window);
  }

  /** One closed one-minute candle, oldest first. */
  push(candle: Candle): void {
    if (!(candle.time > this.lastTime)) return;
    this.lastTime = candle.time;
    this.emaBuckets.add(candle);
    this.hourBuckets.add(candle);
    this.volatilityBuckets.add(candle);
  }

  /** The readings now, as fresh objects the caller may keep. */
  read(): Features {
    const out: Features = { ema50: null, ema200: null, trendEma: null, volatility: null, decline: null };
    this.readInto(out);
    if (out.volatility) out.volatility = { ...out.volatility };
    if (out.decline) out.decline = { ...out.decline };
    return out;
  }

  /**
   * The readings into `out` without allocating: `out.volatility` and `out.decline` are the
   * tracker's own objects, overwritten by later reads — copy them to keep them.
   */
  readInto(out: Features): Features {
    out.ema50 = this.emas.fast.value;
    out.ema200 = this.emas.slow.value;
    out.trendEma = this.trend.ema.value;
    if (!this.window.ready) {
      out.volatility = null;
      out.decline = null;
      return out;
    }
    if (this.computedVersion !== this.window.version) {
      this.window.readVolatility(this.volatility);
      this.window.readDecline(this.decline);
      this.computedVersion = this.window.version;
    }
    out.volatility = this.volatility;
    out.decline = this.decline;
    return out;
  }
}
