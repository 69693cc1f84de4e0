import { meanAndStdDev, RingWindow, type MeanAndStdDev } from './ring-window';

// Bollinger bands over `period` closes: middle = SMA, bands = middle ± k·σ. The original uses
// pandas `rolling(period).std()`, the sample deviation (n − 1); trading-signals uses the population
// one (n), so `sample: false` exists for parity tests. Width = (upper − lower) / middle × 100.

export interface Bands {
  lower: number;
  middle: number;
  upper: number;
}

export class BollingerBands {
  readonly period: number;
  readonly deviations: number;
  readonly sample: boolean;
  private readonly closes: RingWindow;
  private result: Bands | null = null;
  private readonly stats: MeanAndStdDev = { mean: 0, stdDev: 0 };

  constructor(period: number, deviations = 2, options: { sample?: boolean } = {}) {
    this.period = period;
    this.deviations = deviations;
    this.sample = options.sample ?? true;
    this.closes = new RingWindow(period);
  }

  /** O(period) per update: two passes over 20 values are cheaper than a drifting running sum of squares. */
  update(close: number): Bands | null {
    this.closes.push(close);
    const stats = this.stats;
    if (!meanAndStdDev(this.closes, this.period, this.sample, stats)) return (this.result = null);
    const spread = stats.stdDev * this.deviations;
    this.result ??= { lower: 0, middle: 0, upper: 0 };
    this.result.lower = stats.mean - spread;
    this.result.middle = stats.mean;
    this.result.upper = stats.mean + spread;
    return this.result;
  }

  get value(): Bands | null {
    return this.result;
  }

  /** (upper − lower) / middle × 100; null while warming up or when the middle is 0. */
  get width(): number | null {
    const bands = this.result;
    if (!bands || bands.middle === 0) return null;
    return ((bands.upper - bands.lower) / bands.middle) * 100;
  }
}
