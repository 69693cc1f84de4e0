/**
 * Entitlements + meter — targets: p50 < 1 ms with entitlements cached, < 3 ms with a Redis round trip.
 *
 * One round = what a metered request pays: `cachedEntitlements(tenant)` (one indexed version read
 * plus one Redis get) and then, in one withTenant transaction, `meter.consume` of one unit of a
 * quota'd metric (entitlements in the transaction, the advisory lock, the idempotency probe, the
 * month's sum, the ledger insert). Each part is timed on its own as well.
 *
 * Backend: DATABASE_URL set → a fresh database on that server, dropped at the end; unset → PGlite
 * in memory. Redis: REDIS_URL / UPSTASH_* when set, else in-process. Knobs: BENCH_ITERATIONS
 * (300), BENCH_WARMUP (30).
 */
import { emit, log, openBenchDatabase, percentile, round } from './support';

const TARGET = '<1 ms cached, <3 ms with Redis';
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);

const database = await openBenchDatabase('tessera_bench_meter');

const { tenantContext, withSystem, withTenant } = await import('@/db/tenant');
const { workspaces } = await import('@/db/schema');
const { openBillingAccount } = await import('@/lib/billing/accounts');
const { cachedEntitlements } = await import('@/lib/billing/entitlements-cache');
const { meter } = await import('@/lib/billing/meter');
const { redisBackendName, closeKv } = await import('@/lib/redis');

async function main(): Promise<void> {
  const tag = Date.now().toString(36);
  const tenantId = await withSystem('bench: bench seed', async (tx) => {
    const [ws] = await tx.insert(workspaces).values({ slug: `bench-meter-${tag}`, name: 'Bench meter' }).returning({ id: workspaces.id });
    await openBillingAccount(tx, ws!.id);
    return ws!.id;
  });
  const ctx = tenantContext({ tenantId, userId: null, role: 'owner', via: 'workflow' });

  const ent: number[] = [];
  const consume: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    const t0 = performance.now();
    const entitlements = await cachedEntitlements(tenantId);
    const t1 = performance.now();
    const result = await withTenant(ctx, (tx) => meter.consume(tx, 'backtest.candles', 1, `bench:${i}`));
    const t2 = performance.now();
    if (entitlements.planId !== 'pro' || result.replayed) throw new Error('unexpected bench state');
    if (i >= WARMUP) {
      ent.push(t1 - t0);
      consume.push(t2 - t1);
      total.push(t2 - t0);
    }
  }
  for (const list of [ent, consume, total]) list.sort((a, b) => a - b);
  const p50 = percentile(total, 50);
  log(
    `entitlements (cached) p50 ${percentile(ent, 50).toFixed(3)} ms  p95 ${percentile(ent, 95).toFixed(3)} ms\n` +
      `meter.consume         p50 ${percentile(consume, 50).toFixed(3)} ms  p95 ${percentile(consume, 95).toFixed(3)} ms\n` +
      `both                  p50 ${p50.toFixed(3)} ms  p95 ${percentile(total, 95).toFixed(3)} ms`,
  );
  emit({
    name: 'entitlements_meter_p50_ms',
    value: round(p50),
    unit: 'ms',
    target: TARGET,
    p95_ms: round(percentile(total, 95)),
    p50_entitlements_ms: round(percentile(ent, 50)),
    p95_entitlements_ms: round(percentile(ent, 95)),
    p50_consume_ms: round(percentile(consume, 50)),
    p95_consume_ms: round(percentile(consume, 95)),
    backend: database.backend,
    redis: redisBackendName(),
    iterations: ITERATIONS,
    warmup: WARMUP,
  });
}

try {
  await main();
} finally {
  await closeKv();
  await database.close();
}
