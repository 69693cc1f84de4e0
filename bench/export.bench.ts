/**
 * Workspace data export — target: a 1,000,000-row workspace exported with peak RSS < +300 MB.
 *
 * Seeds one workspace with BENCH_EXPORT_ROWS (1,000,000) usage_ledger rows via generate_series,
 * then runs the privacy export writer (lib/privacy/export-writer.ts) as the workflow does — keyset
 * pages of BENCH_EXPORT_BATCH (2,000) rows, each its own withTenant transaction — into the local
 * storage backend in a temp directory. RSS is sampled every 20 ms from just before the export.
 * Checks the result: the zip's row count and the amount sum match the database.
 * Value: the export's wall time in seconds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { emit, log, openBenchDatabase, round } from './support';

const ROWS = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
const BATCH = Number(process.env.BENCH_EXPORT_BATCH ?? 2_000);
const TARGET = 'peak RSS < +300 MB';
const MIB = 1024 * 1024;

process.env.ENCRYPTION_KEY ??= '0f'.repeat(32);
process.env.AUTH_SECRET ??= 'export-bench-secret-0123456789abcdef';
process.env.LOG_LEVEL ??= 'silent';

const database = await openBenchDatabase('tessera_bench_export');
const { tenantContext, withSystem, withTenant } = await import('@/db/tenant');
const { rowsOf } = await import('@/db/rows');
const { memberships, users, workspaces } = await import('@/db/schema');
const { requestWorkspaceExport } = await import('@/lib/privacy/export');
const { writeWorkspaceExport } = await import('@/lib/privacy/export-writer');
const { LocalFileStorage } = await import('@/lib/storage/local');

async function seed() {
  const started = performance.now();
  const tag = Date.now().toString(36);
  const { user, workspace } = await withSystem('bench: bench seed', async (tx) => {
    const [user] = await tx.insert(users).values({ email: `bench-export-${tag}@example.test`, name: 'Bench' }).returning();
    const [workspace] = await tx.insert(workspaces).values({ slug: `bench-export-${tag}`, name: 'Bench export', createdBy: user!.id }).returning();
    await tx.insert(memberships).values({ tenantId: workspace!.id, userId: user!.id, role: 'owner' });
    return { user: user!, workspace: workspace! };
  });
  for (let from = 1; from <= ROWS; from += 250_000) {
    const to = Math.min(ROWS, from + 250_000 - 1);
    await withSystem('bench: bench seed ledger', (tx) =>
      tx.execute(sql`
        insert into usage_ledger (tenant_id, metric, period, amount, operation_id, created_at)
        select ${workspace.id}::uuid, case when g % 3 = 0 then 'api.requests' else 'bots.ticks' end,
               date '2026-01-01' + ((g % 12) * interval '1 month'), (g % 1000) + 1, 'op-' || g,
               timestamptz '2026-01-01T00:00:00Z' + g * interval '1 second'
        from generate_series(${from}::int, ${to}::int) g`),
    );
  }
  await withSystem('bench: bench analyze', (tx) => tx.execute(sql`analyze usage_ledger`));
  log(`seeded ${ROWS} usage_ledger rows in ${Math.round(performance.now() - started)} ms (${database.backend})`);
  return { ctx: tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' }) };
}

const directory = await mkdtemp(path.join(tmpdir(), 'tessera-bench-export-'));
try {
  const { ctx } = await seed();
  const store = new LocalFileStorage(directory, 'http://localhost:3000');
  const requested = await withTenant(ctx, (tx) => requestWorkspaceExport(tx, ctx, { ip: null, userAgent: null }));

  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const started = performance.now();
  const written = await writeWorkspaceExport(ctx, requested.id, { store, batchRows: BATCH });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);

  const ledger = written.manifest.tables.find((t) => t.name === 'usage_ledger')!;
  const [truth] = await withTenant(ctx, async (tx) =>
    rowsOf<{ n: number; amount: string }>(await tx.execute(sql`select count(*)::int as n, sum(amount)::text as amount from usage_ledger`)),
  );
  if (ledger.rows !== ROWS || ledger.rows !== truth!.n || ledger.sums.amount !== truth!.amount) {
    throw new Error(`export disagrees with the database: ${JSON.stringify({ rows: ledger.rows, sums: ledger.sums, truth })}`);
  }
  const peakAboveMb = round((peak - baseline) / MIB, 1);
  log(`exported ${ROWS} rows in ${round(seconds, 1)} s, zip ${round(written.bytes / MIB, 1)} MiB, peak RSS +${peakAboveMb} MB`);
  emit({
    name: 'export_1m_rows_s',
    value: round(seconds, 2),
    unit: 's',
    target: TARGET,
    backend: database.backend,
    rows: ROWS,
    batch_rows: BATCH,
    rows_per_s: Math.round(ROWS / seconds),
    zip_mib: round(written.bytes / MIB, 1),
    peak_rss_above_baseline_mb: peakAboveMb,
    baseline_rss_mb: round(baseline / MIB, 1),
  });
} finally {
  await rm(directory, { recursive: true, force: true });
  await database.close();
}
