// A fixed-capacity window of the most recent values, backed by one Float64Array so pushing a value
// allocates nothing (the FeatureTracker pushes one per closed candle over a year of minutes).
// The loops over the newest n values walk the buffer directly: a backtest reads them ~100,000 times.

export class RingWindow {
  readonly capacity: number;
  /** The storage, for loops that walk it from `indexBack(lag)` with wrap-around (see meanAndStdDev). */
  readonly buffer: Float64Array;
  private next = 0;
  private count = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`A window holds at least 1 value, not ${capacity}.`);
    this.capacity = capacity;
    this.buffer = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  push(value: number): void {
    this.buffer[this.next] = value;
    this.next = this.next + 1 === this.capacity ? 0 : this.next + 1;
    if (this.count < this.capacity) this.count++;
  }

  /** The buffer index of the value `lag` places back (0 is the newest); assumes lag < length. */
  indexBack(lag: number): number {
    const index = this.next - 1 - lag;
    return index < 0 ? index + this.capacity : index;
  }

  /** The value `lag` places back: 0 is the newest. NaN outside the window. */
  back(lag: number): number {
    if (lag < 0 || lag >= this.count) return Number.NaN;
    return this.buffer[this.indexBack(lag)]!;
  }

  /** The value at `index` counted from the oldest held (0) to the newest (length − 1). */
  at(index: number): number {
    return this.back(this.count - 1 - index);
  }

  /** Mean of the values from `fromLag` to `toLag` back (inclusive); null when the window holds fewer. */
  meanBack(fromLag: number, toLag: number): number | null {
    if (fromLag < 0 || toLag < fromLag || this.count <= toLag) return null;
    const { buffer, capacity } = this;
    let index = this.indexBack(toLag);
    let sum = 0;
    for (let k = toLag - fromLag; k >= 0; k--) {
      sum += buffer[index]!;
      index = index + 1 === capacity ? 0 : index + 1;
    }
    return sum / (toLag - fromLag + 1);
  }

  clear(): void {
    this.next = 0;
    this.count = 0;
  }
}

export interface MeanAndStdDev {
  mean: number;
  stdDev: number;
}

/**
 * Mean and sample (n − 1) or population (n) standard deviation of the newest `n` values into
 * `out`, two-pass for stability; false when the window holds fewer.
 */
export function meanAndStdDev(window: RingWindow, n: number, sample: boolean, out: MeanAndStdDev): boolean {
  if (n < 1 || window.length < n || (sample && n < 2)) return false;
  const { buffer, capacity } = window;
  const start = window.indexBack(n - 1);
  let sum = 0;
  let index = start;
  for (let k = 0; k < n; k++) {
    sum += buffer[index]!;
    index = index + 1 === capacity ? 0 : index + 1;
  }
  const mean = sum / n;
  let squares = 0;
  index = start;
  for (let k = 0; k < n; k++) {
    const d = buffer[index]! - mean;
    squares += d * d;
    index = index + 1 === capacity ? 0 : index + 1;
  }
  out.mean = mean;
  out.stdDev = Math.sqrt(squares / (sample ? n - 1 : n));
  return true;
}
