/**
 * Zero-config start — how long `next start` takes, with no backend configured, from spawn to the
 * first page served, and to /api/health/ready answering 200. PGLITE_DIR is a fresh temp directory,
 * so the cold figure includes PGlite initdb plus the first-start migration and seed; a second
 * (warm) start on the same directory follows. Targets (not asserted): cold first page <= 10000 ms,
 * RSS <= 600 MB (STACK-NOTES: PGlite alone adds ~290 MB).
 *
 * Needs a prior `next build`. The server runs in its own process group and the whole group is
 * killed, because killing only the launcher leaves an orphan next-server holding the port and the
 * PGlite directory (STACK-NOTES).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emit, log, round } from './support';

const TARGET = '<=10000';
const TIMEOUT_MS = Number(process.env.BENCH_START_TIMEOUT_MS ?? 120_000);
const POLL_MS = 50;
const root = process.cwd();

// Anything that would select a production backend instead of the zero-config one.
const BACKEND_ENV = [
  /^DATABASE_URL$/,
  /^DATABASE_POOL_MAX$/,
  /^REDIS_URL$/,
  /^UPSTASH_/,
  /^INNGEST_/,
  /^RESEND_/,
  /^STRIPE_/,
  /^SALLA_/,
  /^APP_ENV$/,
  /^PGLITE_DIR$/,
  /^PORT$/,
];

function zeroConfigEnv(pgliteDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (BACKEND_ENV.some((re) => re.test(key))) delete env[key];
  }
  env.PGLITE_DIR = pgliteDir;
  // `next start` behind localhost needs this for Auth.js routes (STACK-NOTES); harmless otherwise.
  env.AUTH_TRUST_HOST ??= 'true';
  env.NEXT_TELEMETRY_DISABLED = '1';
  return env;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Members of process group `pgid`, from /proc (the real next-server is a child of the launcher). */
function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // comm (field 2) may contain spaces or parentheses, so fields are counted after its last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid) pids.push(Number(entry));
    } catch {
      // The process exited between readdir and read.
    }
  }
  return pids;
}

function groupRssMb(pgid: number): number {
  let kb = 0;
  const pids = groupPids(pgid);
  for (const pid of pids) {
    try {
      const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) kb += Number(match[1]);
    } catch {
      // Exited meanwhile: it no longer holds memory.
    }
  }
  log(`  RSS ${(kb / 1024).toFixed(0)} MB over ${pids.length} process(es) in group ${pgid}`);
  return kb / 1024;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Milliseconds from `t0` until `url` first answers 200, or null when the deadline passes. */
async function firstOk(url: string, t0: number, deadline: number, exited: () => boolean): Promise<number | null> {
  let last = 'no attempt';
  while (performance.now() < deadline && !exited()) {
    try {
      // A cold first request may run the migration; it is given all the remaining time, not cut short.
      const remaining = Math.max(1, Math.ceil(deadline - performance.now()));
      const res = await fetch(url, { signal: AbortSignal.timeout(remaining) });
      const body = await res.text();
      if (res.status === 200) return performance.now() - t0;
      last = `${res.status} ${body.slice(0, 300)}`;
    } catch (error) {
      last = error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ''}` : String(error);
    }
    await sleep(POLL_MS);
  }
  log(`${url}: no 200 before ${exited() ? 'the server exited' : 'the deadline'}; last answer: ${last}`);
  return null;
}

async function killGroup(child: ChildProcess): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pgid, sig);
    } catch {
      // The group is already gone.
    }
  };
  signal('SIGTERM');
  const until = performance.now() + 10_000;
  while (groupPids(pgid).length > 0 && performance.now() < until) await sleep(100);
  if (groupPids(pgid).length > 0) {
    log(`process group ${pgid} survived SIGTERM, sending SIGKILL`);
    signal('SIGKILL');
    while (groupPids(pgid).length > 0 && performance.now() < until + 5_000) await sleep(100);
  }
}

type StartMeasure = { firstPageMs: number | null; readyMs: number | null; rssMb: number | null; rssReadyMb: number | null };

const live = new Set<ChildProcess>();

async function measureStart(label: string, pgliteDir: string): Promise<StartMeasure> {
  const port = await freePort();
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const t0 = performance.now();
  const child = spawn(process.execPath, [nextBin, 'start', '-p', String(port)], {
    cwd: root,
    env: zeroConfigEnv(pgliteDir),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });

  try {
    const deadline = t0 + TIMEOUT_MS;
    const base = `http://localhost:${port}`;
    let rssMb: number | null = null;
    // Polled side by side: each figure is its own "time until this answers", neither waits on the other.
    const [firstPageMs, readyMs] = await Promise.all([
      firstOk(`${base}/`, t0, deadline, () => exited).then((ms) => {
        if (ms !== null && child.pid !== undefined) rssMb = groupRssMb(child.pid);
        return ms;
      }),
      firstOk(`${base}/api/health/ready`, t0, deadline, () => exited),
    ]);
    const rssReadyMb = child.pid !== undefined && !exited ? groupRssMb(child.pid) : null;
    log(
      `${label}: first page ${firstPageMs === null ? 'never' : `${firstPageMs.toFixed(0)} ms`}, ` +
        `ready ${readyMs === null ? 'never' : `${readyMs.toFixed(0)} ms`}, ` +
        `RSS ${rssMb === null ? '?' : (rssMb as number).toFixed(0)} MB after first page, ${rssReadyMb?.toFixed(0) ?? '?'} MB after both`,
    );
    if (firstPageMs === null || readyMs === null) {
      log(`${label}: server ${exited ? `exited (code ${child.exitCode})` : 'timed out'}; last output:\n${output}`);
    }
    return { firstPageMs, readyMs, rssMb, rssReadyMb };
  } finally {
    await killGroup(child);
    live.delete(child);
  }
}

// A Ctrl-C during the benchmark must not leave a server holding the port and the PGlite directory.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    for (const child of live) {
      if (child.pid === undefined) continue;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    process.exit(130);
  });
}

async function main(): Promise<void> {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    log('no .next/BUILD_ID: run `next build` first');
    emit({ name: 'zero_config_start_ms', value: null, unit: 'ms', target: TARGET, skipped: 'run next build first' });
    return;
  }
  const tmp = mkdtempSync(path.join(tmpdir(), 'tessera-bench-start-'));
  const pgliteDir = path.join(tmp, 'pglite');
  try {
    const cold = await measureStart('cold', pgliteDir);
    // Only worth a second boot when the first one worked; the warm start reuses the migrated data.
    const warm = cold.firstPageMs !== null ? await measureStart('warm', pgliteDir) : null;
    const ms = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v));
    const mb = (v: number | null | undefined) => (v === null || v === undefined ? null : round(v, 1));
    emit({
      name: 'zero_config_start_ms',
      value: ms(cold.firstPageMs),
      unit: 'ms',
      target: TARGET,
      first_ready_ms: ms(cold.readyMs),
      rss_mb: mb(cold.rssMb),
      rss_mb_after_ready: mb(cold.rssReadyMb),
      rss_target: '<=600',
      warm_start_ms: ms(warm?.firstPageMs),
      warm_ready_ms: ms(warm?.readyMs),
      warm_rss_mb: mb(warm?.rssMb),
      ...(cold.firstPageMs === null ? { error: 'server never served / with 200 (see stderr)' } : {}),
    });
    if (cold.firstPageMs === null || cold.readyMs === null) process.exitCode = 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
