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

export type BenchDatabase = { backend: 'postgres' | 'pglite'; name: string | null; close: () => Promise<void> };

/**
 * Points db/client at the benchmark's own database: a fresh migrated one on DATABASE_URL's
 * server, or in-memory PGlite without it. db/client picks its driver when first opened, so call
 * this before importing any db/ module. `close` closes the client and drops the fresh database.
 */
export async function openBenchDatabase(prefix: string): Promise<BenchDatabase> {
  const baseUrl = process.env.DATABASE_URL?.trim() || undefined;
  let freshUrl: string | undefined;
  if (baseUrl) {
    const { createFreshDatabase } = await import('@/db/testing/fresh-database');
    freshUrl = await createFreshDatabase(baseUrl, `${prefix}_${process.pid}`);
    process.env.DATABASE_URL = freshUrl;
  } else {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = 'memory://';
  }
  return {
    backend: baseUrl ? 'postgres' : 'pglite',
    name: freshUrl ? new URL(freshUrl).pathname.slice(1) : null,
    close: async () => {
      const { closeDatabase } = await import('@/db/client');
      await closeDatabase();
      if (baseUrl && freshUrl) {
        const { dropDatabase } = await import('@/db/testing/fresh-database');
        await dropDatabase(baseUrl, freshUrl);
      }
    },
  };
}
