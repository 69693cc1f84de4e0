/** Shared by the benchmarks: stdout carries exactly one JSON result line, everything else goes to stderr. */

export type BenchResult = {
  name: string;
  value: number | null;
  unit: string | null;
  target?: string;
  [extra: string]: unknown;
};

export function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function emit(result: BenchResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** Nearest-rank percentile: no interpolation, so the value is one that was actually observed. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
