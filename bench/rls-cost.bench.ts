/**
 * RLS cost — target: p50(RLS) / p50(plain) <= 1.05.
 *
 * The same "50 newest job runs of one tenant" list query, timed as a whole transaction two ways,
 * interleaved in one run so drift (cache warmth, CPU frequency, autovacuum) hits both alike:
 *   (a) withTenant: app_user, no tenant filter in the SQL — the forced policy does the filtering;
 *   (b) withSystem: app_system (BYPASSRLS) with a plain `where tenant_id = $1`.
 * Both open one transaction and send one set_config statement, so the ratio is the price of the
 * policy (its initplan, the security-barrier planning) rather than of transactions in general.
 *
 * Backend: DATABASE_URL set → a fresh database on that server, dropped at the end; unset → PGlite
 * in memory. Knobs: BENCH_ITERATIONS (2000), BENCH_WARMUP (200), BENCH_ROWS_PER_TENANT (10000).
 */
import { desc, eq, sql } from 'drizzle-orm';
import { emit, log, openBenchDatabase, percentile, round } from './support';

const TARGET = '<=1.05';
const TENANTS = 20;
const ROWS_PER_TENANT = Number(process.env.BENCH_ROWS_PER_TENANT ?? 10_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 2_000);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 200);
const PAGE = 50;
const INDEX_NAME = 'job_runs_tenant_created_idx';

// Settled before any db/ module is loaded (hence the dynamic imports below).
const database = await openBenchDatabase('tessera_bench_rls');
const backend = database.backend;

const { tenantContext, withSystem, withTenant } = await import('@/db/tenant');
const { getDatabase } = await import('@/db/client');
const { rowsOf } = await import('@/db/rows');
const { jobRuns, workspaces } = await import('@/db/schema');

type TenantContext = ReturnType<typeof tenantContext>;
type Row = { id: string; tenantId: string | null; createdAt: Date };

async function seed(): Promise<string[]> {
  const started = performance.now();
  const tag = Date.now().toString(36);
  const ids = await withSystem('bench: bench seed', async (tx) => {
    const created = await tx
      .insert(workspaces)
      .values(Array.from({ length: TENANTS }, (_, i) => ({ slug: `bench-${tag}-${i}`, name: `Bench ${i}` })))
      .returning({ id: workspaces.id });
    const tenantIds = created.map((w) => w.id);
    // generate_series outermost so tenants' rows interleave on disk as real traffic would, rather
    // than each tenant owning a contiguous run of pages.
    await tx.execute(sql`
      insert into job_runs (tenant_id, workflow, idempotency_key, status, attempts, progress, created_at)
      select w.id, 'bench.list', w.id::text || ':' || g, 'succeeded', 1, 100,
             now() - g * interval '1 second' - random() * interval '1 second'
      from generate_series(1, ${ROWS_PER_TENANT}::int) g
      cross join (select id from workspaces where id in (${sql.join(
        tenantIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})) w`);
    return tenantIds;
  });
  // As the connecting (owner/superuser) role: app_system may not ANALYZE, and fresh statistics
  // are what a long-lived table would have.
  await (await getDatabase()).execute(sql`vacuum analyze job_runs`);
  log(`seeded ${TENANTS} tenants × ${ROWS_PER_TENANT} job_runs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return ids;
}

function listViaRls(ctx: TenantContext): Promise<Row[]> {
  return withTenant(ctx, (tx) =>
    tx
      .select({ id: jobRuns.id, tenantId: jobRuns.tenantId, createdAt: jobRuns.createdAt })
      .from(jobRuns)
      .orderBy(desc(jobRuns.createdAt))
      .limit(PAGE),
  );
}

/**
 * Not part of the ratio: the plain query in a transaction with no set_config at all (as the
 * connecting role), so the output shows what the per-transaction settings statement costs both
 * paths — the part pipelining would remove.
 */
async function listBare(tenantId: string): Promise<Row[]> {
  const db = await getDatabase();
  return db.transaction((tx) =>
    tx
      .select({ id: jobRuns.id, tenantId: jobRuns.tenantId, createdAt: jobRuns.createdAt })
      .from(jobRuns)
      .where(eq(jobRuns.tenantId, tenantId))
      .orderBy(desc(jobRuns.createdAt))
      .limit(PAGE),
  );
}

function listPlain(tenantId: string): Promise<Row[]> {
  return withSystem('bench', (tx) =>
    tx
      .select({ id: jobRuns.id, tenantId: jobRuns.tenantId, createdAt: jobRuns.createdAt })
      .from(jobRuns)
      .where(eq(jobRuns.tenantId, tenantId))
      .orderBy(desc(jobRuns.createdAt))
      .limit(PAGE),
  );
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const result = await fn();
  return [performance.now() - t0, result];
}

/** A wrong page would make the timing meaningless (or hide a leak), so every result is checked. */
function check(rows: Row[], tenantId: string, path: string): void {
  if (rows.length !== PAGE) throw new Error(`${path}: expected ${PAGE} rows, got ${rows.length}`);
  if (rows.some((r) => r.tenantId !== tenantId)) throw new Error(`${path}: rows of another tenant returned`);
}

async function explainRls(ctx: TenantContext): Promise<{ usesIndex: boolean; plan: string }> {
  const result = await withTenant(ctx, (tx) =>
    tx.execute(sql`explain (analyze, costs off, timing off, summary off)
      select id, tenant_id, created_at from job_runs order by created_at desc limit ${PAGE}`),
  );
  const plan = rowsOf<Record<string, string>>(result)
    .map((r) => Object.values(r)[0] ?? '')
    .join('\n');
  const usesIndex = new RegExp(`Index Scan(?: Backward)? using ${INDEX_NAME}`).test(plan);
  return { usesIndex, plan };
}

async function main(): Promise<void> {
  log(`rls-cost on ${backend}${database.name ? ` (${database.name})` : ''}`);
  const tenantIds = await seed();
  const contexts = tenantIds.map((tenantId) => tenantContext({ tenantId, userId: null, role: 'owner', via: 'workflow' }));

  const explain = await explainRls(contexts[0]!);
  log(`EXPLAIN (as app_user via withTenant, no tenant filter in SQL):\n${explain.plan}`);
  log(explain.usesIndex ? `→ uses ${INDEX_NAME} (policy qual became the index condition)` : `→ does NOT use ${INDEX_NAME}`);

  const rls: number[] = [];
  const plain: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i += 1) {
    const k = i % TENANTS;
    const ctx = contexts[k]!;
    const tenantId = tenantIds[k]!;
    const runs: Array<[string, () => Promise<Row[]>, number[]]> = [
      ['rls', () => listViaRls(ctx), rls],
      ['plain', () => listPlain(tenantId), plain],
      ['bare', () => listBare(tenantId), bare],
    ];
    // Rotating which path goes first cancels any advantage of running after another (a
    // connection or cache line it just warmed).
    for (let j = 0; j < runs.length; j += 1) {
      const [path, fn, samples] = runs[(i + j) % runs.length]!;
      const [ms, rows] = await timed(fn);
      check(rows, tenantId, path);
      if (i >= WARMUP) samples.push(ms);
    }
  }

  rls.sort((x, y) => x - y);
  plain.sort((x, y) => x - y);
  bare.sort((x, y) => x - y);
  const p50Rls = percentile(rls, 50);
  const p50Plain = percentile(plain, 50);
  const ratio = p50Rls / p50Plain;
  log(
    `rls   p50 ${p50Rls.toFixed(3)} ms  p95 ${percentile(rls, 95).toFixed(3)} ms\n` +
      `plain p50 ${p50Plain.toFixed(3)} ms  p95 ${percentile(plain, 95).toFixed(3)} ms\n` +
      `bare  p50 ${percentile(bare, 50).toFixed(3)} ms  (same query, transaction without set_config)\n` +
      `ratio ${ratio.toFixed(3)} (target ${TARGET}) ${ratio <= 1.05 ? 'met' : 'MISSED'}`,
  );
  emit({
    name: 'rls_cost_ratio_p50',
    value: round(ratio),
    unit: 'ratio',
    target: TARGET,
    p50_rls_ms: round(p50Rls),
    p95_rls_ms: round(percentile(rls, 95)),
    p50_plain_ms: round(p50Plain),
    p95_plain_ms: round(percentile(plain, 95)),
    p50_bare_tx_ms: round(percentile(bare, 50)),
    rls_uses_index: explain.usesIndex,
    backend,
    rows_per_tenant: ROWS_PER_TENANT,
    tenants: TENANTS,
    iterations: ITERATIONS,
    warmup: WARMUP,
  });
}

try {
  await main();
} finally {
  await database.close();
}
