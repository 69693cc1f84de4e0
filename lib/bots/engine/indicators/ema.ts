// Exponential moving average as the original computes it with pandas `ewm(span=n, adjust=False)`:
// α = 2/(n+1), no bias adjustment, seeded with the first value. trading-signals' EMA is the same
// recursion with the same seed, so the two agree value for value.

export class Ema {
  readonly span: number;
  private readonly alpha: number;
  private current = Number.NaN;
  private seen = 0;

  constructor(span: number) {
    if (!(span >= 1)) throw new Error(`An EMA span is at least 1, not ${span}.`);
    this.span = span;
    this.alpha = 2 / (span + 1);
  }

  update(value: number): number {
    this.current = this.seen === 0 ? value : this.current + this.alpha * (value - this.current);
    this.seen++;
    return this.current;
  }

  /** Values seen so far. */
  get count(): number {
    return this.seen;
  }

  /**
   * Ready after `span` values, as trading-signals counts it. The seed's weight is then
   * (1 − α)^span ≈ e^−2 of the first value; callers that want less feed more history.
   */
  get ready(): boolean {
    return this.seen >= this.span;
  }

  /** The EMA, or null until ready. */
  get value(): number | null {
    return this.seen >= this.span ? this.current : null;
  }

  /** The EMA whatever the warm-up (NaN before the first value). */
  get raw(): number {
    return this.current;
  }
}
