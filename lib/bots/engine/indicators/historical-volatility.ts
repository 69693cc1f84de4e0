import { meanAndStdDev, RingWindow, type MeanAndStdDev } from './ring-window';

// Historical volatility as the original computes it: the sample standard deviation (pandas
// `rolling(period).std()`) of the last `period` log returns ln(close / previous close), × 100.
// Not annualised.

export class HistoricalVolatility {
  readonly period: number;
  private readonly returns: RingWindow;
  private previousClose = Number.NaN;
  private current: number | null = null;
  private readonly stats: MeanAndStdDev = { mean: 0, stdDev: 0 };

  constructor(period: number) {
    if (!(period >= 2)) throw new Error(`A volatility period is at least 2, not ${period}.`);
    this.period = period;
    this.returns = new RingWindow(period);
  }

  update(close: number): number | null {
    const previous = this.previousClose;
    this.previousClose = close;
    if (Number.isNaN(previous) || !(previous > 0) || !(close > 0)) return this.current;
    this.returns.push(Math.log(close / previous));
    this.current = meanAndStdDev(this.returns, this.period, true, this.stats) ? this.stats.stdDev * 100 : null;
    return this.current;
  }

  /** Null until `period` returns (period + 1 closes) were seen. */
  get value(): number | null {
    return this.current;
  }
}
