// Fault run (issue 8 §3): a production server (`next start`, run `npm run build` first) on Postgres
// and Redis behind fault proxies; pauses (black-holes) Redis for N s, then Postgres for N s, while
// a client keeps asking for the signed-in dashboard, the sign-in page, a password sign-in and
// readiness. Prints one JSON line per phase and path: status counts and latencies.
//   DATABASE_URL=postgres://… REDIS_URL=redis://… npx tsx scripts/fault-run.ts [seconds=10] [port=3601]
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { percentile } from '@/bench/support';
import { createFreshDatabase, dropDatabase } from '@/db/testing/fresh-database';
import { DEMO_USER } from '@/lib/demo/demo-accounts';
import { startFaultProxy } from '@/tests/helpers/fault-proxy';

const outageSeconds = Number(process.argv[2] ?? 10);
const port = Number(process.argv[3] ?? 3601);
const baseDb = process.env.DATABASE_URL;
const baseRedis = process.env.REDIS_URL;
if (!baseDb || !baseRedis) throw new Error('set DATABASE_URL and REDIS_URL (the real servers; the script puts proxies in front)');
if (!existsSync('.next/BUILD_ID')) {
  console.error('no production build: run `npm run build` first');
  process.exit(1);
}

const dbUrl = await createFreshDatabase(baseDb, `fault_run_${process.pid}`);
const pgTarget = new URL(dbUrl);
const redisTarget = new URL(baseRedis);
const pg = await startFaultProxy({ host: pgTarget.hostname, port: Number(pgTarget.port || 5432) });
const redis = await startFaultProxy({ host: redisTarget.hostname, port: Number(redisTarget.port || 6379) });
const proxiedDb = new URL(dbUrl);
proxiedDb.host = `127.0.0.1:${pg.port}`;
const origin = `http://localhost:${port}`;

const server = spawn('npx', ['next', 'start', '-p', String(port)], {
  detached: true,
  stdio: ['ignore', 'pipe', 'pipe'],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    APP_ENV: 'staging',
    DATABASE_URL: proxiedDb.toString(),
    REDIS_URL: `redis://127.0.0.1:${redis.port}${redisTarget.pathname}`,
    SEED_DEMO: '1',
    APP_URL: origin,
    AUTH_TRUST_HOST: 'true',
    AUTH_SECRET: 'fault-run-secret-fault-run-secret-0123456789',
    ENCRYPTION_KEY: 'ab'.repeat(32),
    CLIENT_IP_SOURCE: 'xff',
    TRUSTED_PROXY_HOPS: '1',
    LOG_LEVEL: 'info',
  },
});
const serverLog: string[] = [];
server.stdout.on('data', (c: Buffer) => serverLog.push(...String(c).split('\n').filter(Boolean)));
server.stderr.on('data', (c: Buffer) => serverLog.push(...String(c).split('\n').filter(Boolean)));

async function cleanup() {
  try {
    process.kill(-server.pid!, 'SIGTERM');
  } catch {}
  await pg.close();
  await redis.close();
  await new Promise((r) => setTimeout(r, 500));
  await dropDatabase(baseDb!, dbUrl).catch(() => {});
}

const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

async function waitForServer() {
  for (let i = 0; i < 120; i++) {
    const ok = await fetch(`${origin}/api/health/ready`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not start:\n${serverLog.slice(-20).join('\n')}`);
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

/** A password sign-in through Auth.js's credentials endpoint; returns the session cookie or null. */
async function signIn(): Promise<{ status: number; cookie: string | null }> {
  const from = ip();
  const csrf = await fetch(`${origin}/api/auth/csrf`, { headers: { 'x-forwarded-for': from }, signal: AbortSignal.timeout(30_000) });
  if (csrf.status !== 200) return { status: csrf.status, cookie: null };
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookiesOf(csrf).join('; '), 'x-forwarded-for': from },
    body: new URLSearchParams({ email: DEMO_USER.email, password: DEMO_USER.password, csrfToken, callbackUrl: `${origin}/w` }),
    signal: AbortSignal.timeout(30_000),
  });
  const session = cookiesOf(response).find((c) => c.startsWith('authjs.session-token='));
  const location = response.headers.get('location') ?? '';
  // Auth.js refuses a sign-in with a redirect to its error page: reported as 401 here.
  const refused = !session || location.includes('error');
  return { status: refused ? (response.status === 302 ? 401 : response.status) : response.status, cookie: refused ? null : session! };
}

type Sample = { path: string; status: number | string; ms: number };

async function sample(path: string, run: () => Promise<number>): Promise<Sample> {
  const started = performance.now();
  const status = await run().catch((error: unknown) => (error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'error'));
  return { path, status, ms: performance.now() - started };
}

async function phase(name: string, seconds: number, session: string) {
  const pending: Promise<Sample>[] = [];
  const end = Date.now() + seconds * 1000;
  const get = (path: string, cookie?: string) => () =>
    fetch(`${origin}${path}`, { redirect: 'manual', headers: { 'x-forwarded-for': ip(), ...(cookie ? { cookie } : {}) }, signal: AbortSignal.timeout(30_000) }).then(
      async (r) => (await r.arrayBuffer(), r.status),
    );
  for (let tick = 0; Date.now() < end; tick++) {
    pending.push(sample('/w/demo', get('/w/demo', session)));
    if (tick % 2 === 0) pending.push(sample('/sign-in', get('/sign-in')));
    if (tick % 5 === 0) pending.push(sample('/api/health/ready', get('/api/health/ready')));
    if (tick % 10 === 0) pending.push(sample('sign-in POST', async () => (await signIn()).status));
    await new Promise((r) => setTimeout(r, 100));
  }
  const samples = await Promise.all(pending);
  for (const path of [...new Set(samples.map((s) => s.path))]) {
    const mine = samples.filter((s) => s.path === path);
    const ms = mine.map((s) => s.ms).sort((a, b) => a - b);
    const statuses: Record<string, number> = {};
    for (const s of mine) statuses[String(s.status)] = (statuses[String(s.status)] ?? 0) + 1;
    console.log(JSON.stringify({ phase: name, path, requests: mine.length, statuses, p50_ms: Math.round(percentile(ms, 50)), p95_ms: Math.round(percentile(ms, 95)), max_ms: Math.round(ms.at(-1)!) }));
  }
}

try {
  await waitForServer();
  const { cookie } = await signIn();
  if (!cookie) throw new Error('demo sign-in failed');
  await phase('baseline', 5, cookie);
  redis.set('blackhole');
  await phase(`redis black-holed ${outageSeconds}s`, outageSeconds, cookie);
  redis.set('open');
  await phase('after redis', 5, cookie);
  pg.set('blackhole');
  await phase(`postgres black-holed ${outageSeconds}s`, outageSeconds, cookie);
  pg.set('open');
  await phase('after postgres', 5, cookie);
  const lines = serverLog.filter((l) => l.startsWith('{'));
  // FAULT_RUN_LOG=<file> keeps the server's whole log, to read what a status came from.
  if (process.env.FAULT_RUN_LOG) writeFileSync(process.env.FAULT_RUN_LOG, `${serverLog.join('\n')}\n`);
  const count = (msg: string) => lines.filter((l) => l.includes(`"msg":"${msg}`)).length;
  console.log(
    JSON.stringify({
      log_lines: serverLog.length,
      non_json_lines: serverLog.length - lines.length,
      redis_unavailable: count('redis unavailable'),
      redis_recovered: count('redis recovered'),
      database_unavailable: count('database unavailable'),
      database_recovered: count('database recovered'),
    }),
  );
} finally {
  await cleanup();
}
