/**
 * Signed-in load — what one `next start` process serves of the dashboard `/w/demo` to a signed-in
 * person: saturation throughput (closed loop, BENCH_LOAD_CONNECTIONS at once), p95 latency at a
 * fixed 100 requests/s, `/api/health` at saturation for reference, and a short overload run
 * (many more connections than the process admits) showing what is shed. Targets (not asserted):
 * >= 150 req/s, p95 < 200 ms at 100 req/s.
 *
 * Needs a prior `next build`. With DATABASE_URL the server gets a fresh migrated database on that
 * server (dropped at the end), else PGlite in a temp directory; REDIS_URL is passed through. The
 * demo is seeded (SEED_DEMO=1) and the bench signs in as the demo user through Auth.js's
 * credentials callback to get a session cookie. Each request comes from one of a pool of
 * addresses (X-Forwarded-For behind one trusted hop), so the coarse per-IP limit is paid as in
 * production but never met.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { DEMO_USER } from '@/lib/demo/demo-accounts';
import { firstOk, groupPids, groupRssMb, hasBuild, startNextServer, type NextServer } from './next-server';
import { emit, log, percentile, round } from './support';

const TARGET = '>=150';
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_LOAD_WARMUP_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 16);
const FIXED_RATE = 100;
const OVERLOAD_CONNECTIONS = Number(process.env.BENCH_OVERLOAD_CONNECTIONS ?? 300);
const START_TIMEOUT_MS = Number(process.env.BENCH_START_TIMEOUT_MS ?? 120_000);
const PAGE = '/w/demo';

type Phase = {
  rps: number;
  count: number;
  statuses: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
};

/** 512 addresses of the benchmarking range (198.18.0.0/15), a fresh set per run. */
function addressPool(): string[] {
  const run = Math.floor(Math.random() * 256);
  return Array.from({ length: 512 }, (_, i) => `198.${18 + (i >> 8)}.${run}.${i & 255}`);
}

async function run(
  url: string,
  { cookie, seconds, connections, rate, pool }: { cookie?: string; seconds: number; connections: number; rate?: number; pool: string[] },
): Promise<Phase> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let finish: (result: autocannon.Result) => void = () => {};
  let fail: (error: unknown) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  const instance = autocannon(
    {
      url,
      connections,
      duration: seconds,
      ...(rate ? { overallRate: rate } : {}),
      // A closed-loop run must not give up on a slow answer: its latency is the finding.
      timeout: 60,
      headers: cookie ? { cookie } : {},
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            headers: { ...request.headers, 'x-forwarded-for': pool[next++ % pool.length]! },
          }),
        },
      ],
    },
    (error, result) => (error ? fail(error) : finish(result)),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    latencies.push(responseTime);
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
  });
  const result = await done;
  latencies.sort((a, b) => a - b);
  const count = latencies.length;
  return {
    rps: count / seconds,
    count,
    statuses,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    errors: result.errors + result.timeouts,
  };
}

/** CPU time (user + system) the server's process group has used so far, from /proc. */
function groupCpuMs(server: NextServer): number {
  const pgid = server.child.pid;
  if (pgid === undefined) return 0;
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  let ticks = 0;
  for (const pid of groupPids(pgid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Exited meanwhile.
    }
  }
  return ticks / ticksPerMs;
}

function describe(label: string, phase: Phase): void {
  log(
    `${label}: ${phase.rps.toFixed(1)} req/s, p50 ${phase.p50.toFixed(0)} ms, p95 ${phase.p95.toFixed(0)} ms, ` +
      `p99 ${phase.p99.toFixed(0)} ms, statuses ${JSON.stringify(phase.statuses)}, errors ${phase.errors}`,
  );
}

/** The session cookie of the demo user, through Auth.js's own CSRF + credentials callback. */
async function signIn(base: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ csrfToken, email: DEMO_USER.email, password: DEMO_USER.password, callbackUrl: PAGE }),
  });
  keep(res);
  const cookie = header();
  if (![...jar.keys()].some((k) => k.endsWith('authjs.session-token'))) {
    throw new Error(`sign-in gave no session cookie (status ${res.status}, location ${res.headers.get('location')})`);
  }
  const page = await fetch(`${base}${PAGE}`, { headers: { cookie }, redirect: 'manual' });
  const body = await page.text();
  if (page.status !== 200 || !body.includes('Dashboard')) throw new Error(`signed-in ${PAGE} answered ${page.status}`);
  return cookie;
}

function serverEnv(databaseUrl: string | undefined, pgliteDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', SEED_DEMO: '1', AUTH_TRUST_HOST: 'true' };
  delete env.APP_ENV;
  delete env.PORT;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else {
    delete env.DATABASE_URL;
    env.PGLITE_DIR = pgliteDir;
  }
  env.CLIENT_IP_SOURCE = 'xff';
  env.TRUSTED_PROXY_HOPS = '1';
  return env;
}

async function measure(server: NextServer) {
  const pool = addressPool();
  const cookie = await signIn(server.base);
  const page = `${server.base}${PAGE}`;
  log(`warm-up: ${WARMUP_SECONDS} s on ${PAGE}`);
  await run(page, { cookie, seconds: WARMUP_SECONDS, connections: CONNECTIONS, pool });
  const cpuBefore = groupCpuMs(server);
  const saturated = await run(page, { cookie, seconds: SECONDS, connections: CONNECTIONS, pool });
  const cpuMsPerRequest = (groupCpuMs(server) - cpuBefore) / Math.max(1, saturated.count);
  describe(`${PAGE} at saturation (${CONNECTIONS} connections)`, saturated);
  const fixed = await run(page, { cookie, seconds: SECONDS, connections: CONNECTIONS * 2, rate: FIXED_RATE, pool });
  describe(`${PAGE} at ${FIXED_RATE} req/s`, fixed);
  const health = await run(`${server.base}/api/health`, { seconds: SECONDS, connections: CONNECTIONS, pool });
  describe('/api/health at saturation', health);
  const overload = await run(page, { cookie, seconds: Math.max(3, SECONDS / 2), connections: OVERLOAD_CONNECTIONS, pool });
  describe(`${PAGE} overloaded (${OVERLOAD_CONNECTIONS} connections)`, overload);
  const rss = server.child.pid !== undefined ? groupRssMb(server.child.pid) : null;
  return { saturated, cpuMsPerRequest, fixed, health, overload, rss };
}

async function main(): Promise<void> {
  if (!hasBuild()) {
    log('no .next/BUILD_ID: run `next build` first');
    emit({ name: 'signed_in_page_rps', value: null, unit: 'req/s', target: TARGET, skipped: 'run next build first' });
    return;
  }
  const load = () => loadavg().map((v) => round(v, 2));
  const loadBefore = load();
  const baseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const tmp = mkdtempSync(path.join(tmpdir(), 'tessera-bench-load-'));
  let freshUrl: string | undefined;
  let server: NextServer | undefined;
  try {
    if (baseUrl) {
      const { createFreshDatabase } = await import('@/db/testing/fresh-database');
      freshUrl = await createFreshDatabase(baseUrl, `bench_load_${process.pid}`);
    }
    const t0 = performance.now();
    server = await startNextServer(serverEnv(freshUrl, path.join(tmp, 'pglite')));
    const ready = await firstOk(`${server.base}/api/health/ready`, t0, t0 + START_TIMEOUT_MS, server.exited, 100);
    if (ready === null) throw new Error(`server never became ready; last output:\n${server.output()}`);
    const { saturated, cpuMsPerRequest, fixed, health, overload, rss } = await measure(server);
    const shed = overload.statuses['503'] ?? 0;
    emit({
      name: 'signed_in_page_rps',
      value: round(saturated.rps, 1),
      unit: 'req/s',
      target: TARGET,
      page: PAGE,
      backend: `${baseUrl ? 'postgres' : 'pglite'} + ${process.env.REDIS_URL || process.env.UPSTASH_REDIS_REST_URL ? 'redis' : 'in-process redis'}`,
      connections: CONNECTIONS,
      p50_ms_at_saturation: round(saturated.p50, 1),
      // The server's own CPU per page: the figure least moved by other work on a busy machine.
      server_cpu_ms_per_request: round(cpuMsPerRequest, 2),
      signed_in_page_p95_ms_at_100rps: round(fixed.p95, 1),
      p95_target: '<200',
      achieved_rps_at_100rps: round(fixed.rps, 1),
      health_rps: round(health.rps, 1),
      overload_connections: OVERLOAD_CONNECTIONS,
      overload_rps: round(overload.rps, 1),
      overload_shed_share: overload.count ? round(shed / overload.count, 3) : null,
      overload_p50_ms: round(overload.p50, 1),
      rss_mb_after: rss === null ? null : round(rss, 1),
      non_200: {
        saturated: saturated.count - (saturated.statuses['200'] ?? 0),
        fixed: fixed.count - (fixed.statuses['200'] ?? 0),
        health: health.count - (health.statuses['200'] ?? 0),
      },
      load_average_before: loadBefore,
      load_average_after: load(),
      cores: (await import('node:os')).cpus().length,
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
