/**
 * Public API cost — `GET /api/v1/me` with an API key (key lookup, workspace, plan gate, per-plan
 * rate limit, metering, one tenant transaction) against `/api/health` (a bare route handler that
 * returns a constant) on the same `next start`, in one run, at saturation. Target (not asserted):
 * rps(/me) / rps(bare) >= 0.5.
 *
 * Needs a prior `next build`. With DATABASE_URL the server gets a fresh migrated database (dropped
 * at the end), else PGlite in a temp directory; REDIS_URL is passed through. Before the server
 * starts, this process seeds the demo and creates BENCH_API_WORKSPACES workspaces on a Team trial,
 * one key each (the rate limit is per workspace, 1,000 a minute on Team: spreading requests over
 * workspaces keeps the limiter on the path, as in production, without every answer being a 429).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { firstOk, hasBuild, startNextServer, type NextServer } from './next-server';
import { emit, log, percentile, round } from './support';

const TARGET = '>=0.5';
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_API_WARMUP_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_API_CONNECTIONS ?? 16);
const WORKSPACES = Number(process.env.BENCH_API_WORKSPACES ?? 24);
const START_TIMEOUT_MS = Number(process.env.BENCH_START_TIMEOUT_MS ?? 120_000);

type Phase = { rps: number; count: number; statuses: Record<string, number>; p50: number; p95: number; errors: number };

async function run(url: string, tokens: string[], seconds: number): Promise<Phase> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const run = Math.floor(Math.random() * 256);
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: seconds,
        timeout: 60,
        requests: [
          {
            setupRequest: (request) => {
              const i = next++;
              const headers: Record<string, string | string[] | undefined> = { ...request.headers, 'x-forwarded-for': `198.18.${run}.${i % 250}` };
              if (tokens.length) headers.authorization = `Bearer ${tokens[i % tokens.length]}`;
              return { ...request, headers };
            },
          },
        ],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / seconds,
    count: latencies.length,
    statuses,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    errors: result.errors + result.timeouts,
  };
}

function describe(label: string, phase: Phase): void {
  log(`${label}: ${phase.rps.toFixed(1)} req/s, p50 ${phase.p50.toFixed(1)} ms, p95 ${phase.p95.toFixed(1)} ms, statuses ${JSON.stringify(phase.statuses)}, errors ${phase.errors}`);
}

/** Seeds and issues the keys in this process, then closes the database so the server can open it. */
async function issueKeys(): Promise<string[]> {
  const { eq } = await import('drizzle-orm');
  const { closeDatabase } = await import('@/db/client');
  const { users } = await import('@/db/schema');
  const { tenantContext, withSystem, withTenant } = await import('@/db/tenant');
  const { createApiKey } = await import('@/lib/api-keys/keys');
  const { DEMO_USER } = await import('@/lib/demo/demo-accounts');
  const { seedDemoIfEmpty } = await import('@/lib/demo/seed');
  const { createWorkspace } = await import('@/lib/tenancy/workspaces');
  await seedDemoIfEmpty();
  const [owner] = await withSystem('bench', (tx) => tx.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USER.email)));
  const tokens: string[] = [];
  for (let i = 0; i < WORKSPACES; i++) {
    const workspace = await withSystem('bench', (tx) =>
      createWorkspace(tx, { slug: `bench-api-${i}`, name: `Bench API ${i}`, ownerId: owner!.id, trialPlanId: 'team' }),
    );
    const ctx = tenantContext({ tenantId: workspace.id, userId: owner!.id, role: 'owner', via: 'session' });
    const issued = await withTenant(ctx, (tx) => createApiKey(tx, ctx, { name: 'bench', scopes: ['usage:read'], expiresAt: null }, { ip: null, userAgent: 'bench' }));
    tokens.push(issued.token);
  }
  await closeDatabase();
  return tokens;
}

function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', SEED_DEMO: '1', AUTH_TRUST_HOST: 'true', LOG_LEVEL: 'warn' };
  delete env.APP_ENV;
  delete env.PORT;
  env.CLIENT_IP_SOURCE = 'xff';
  env.TRUSTED_PROXY_HOPS = '1';
  return env;
}

async function main(): Promise<void> {
  if (!hasBuild()) {
    log('no .next/BUILD_ID: run `next build` first');
    emit({ name: 'api_me_to_bare_rps_ratio', value: null, unit: 'ratio', target: TARGET, skipped: 'run next build first' });
    return;
  }
  const baseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const tmp = mkdtempSync(path.join(tmpdir(), 'tessera-bench-api-'));
  let freshUrl: string | undefined;
  let server: NextServer | undefined;
  try {
    // The key-issuing imports below read these on first use, as the server will.
    if (baseUrl) {
      const { createFreshDatabase } = await import('@/db/testing/fresh-database');
      freshUrl = await createFreshDatabase(baseUrl, `bench_api_${process.pid}`);
      process.env.DATABASE_URL = freshUrl;
    } else {
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DIR = path.join(tmp, 'pglite');
    }
    const tokens = await issueKeys();
    const t0 = performance.now();
    server = await startNextServer(serverEnv());
    const ready = await firstOk(`${server.base}/api/health/ready`, t0, t0 + START_TIMEOUT_MS, server.exited, 100);
    if (ready === null) throw new Error(`server never became ready; last output:\n${server.output()}`);
    const me = `${server.base}/api/v1/me`;
    const bare = `${server.base}/api/health`;
    const check = await fetch(me, { headers: { authorization: `Bearer ${tokens[0]}` } });
    if (check.status !== 200) throw new Error(`/api/v1/me answered ${check.status}: ${await check.text()}`);
    log(`warm-up: ${WARMUP_SECONDS} s each`);
    await run(me, tokens, WARMUP_SECONDS);
    await run(bare, [], WARMUP_SECONDS);
    const api = await run(me, tokens, SECONDS);
    describe('/api/v1/me with a key', api);
    const constant = await run(bare, [], SECONDS);
    describe('/api/health (constant)', constant);
    emit({
      name: 'api_me_to_bare_rps_ratio',
      value: round(api.rps / constant.rps, 3),
      unit: 'ratio',
      target: TARGET,
      backend: `${baseUrl ? 'postgres' : 'pglite'} + ${process.env.REDIS_URL || process.env.UPSTASH_REDIS_REST_URL ? 'redis' : 'in-process redis'}`,
      connections: CONNECTIONS,
      workspaces: WORKSPACES,
      me_rps: round(api.rps, 1),
      me_p50_ms: round(api.p50, 1),
      me_p95_ms: round(api.p95, 1),
      me_non_200: api.count - (api.statuses['200'] ?? 0),
      bare_rps: round(constant.rps, 1),
      bare_p50_ms: round(constant.p50, 1),
      bare_p95_ms: round(constant.p95, 1),
      load_average: loadavg().map((v) => round(v, 2)),
    });
  } finally {
    await server?.stop();
    if (baseUrl && freshUrl) {
      const { dropDatabase } = await import('@/db/testing/fresh-database');
      await dropDatabase(baseUrl, freshUrl).catch((error: unknown) => log(`could not drop ${freshUrl}: ${String(error)}`));
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
