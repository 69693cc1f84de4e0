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
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { firstOk, groupRssMb, hasBuild, startNextServer } from './next-server';
import { emit, log, round } from './support';

const TARGET = '<=10000';
const TIMEOUT_MS = Number(process.env.BENCH_START_TIMEOUT_MS ?? 120_000);

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

type StartMeasure = { firstPageMs: number | null; readyMs: number | null; rssMb: number | null; rssReadyMb: number | null };

async function measureStart(label: string, pgliteDir: string): Promise<StartMeasure> {
  const t0 = performance.now();
  const server = await startNextServer(zeroConfigEnv(pgliteDir));
  const { child, exited, base } = server;
  try {
    const deadline = t0 + TIMEOUT_MS;
    let rssMb: number | null = null;
    // Polled side by side: each figure is its own "time until this answers", neither waits on the other.
    const [firstPageMs, readyMs] = await Promise.all([
      firstOk(`${base}/`, t0, deadline, exited).then((ms) => {
        if (ms !== null && child.pid !== undefined) rssMb = groupRssMb(child.pid);
        return ms;
      }),
      firstOk(`${base}/api/health/ready`, t0, deadline, exited),
    ]);
    const rssReadyMb = child.pid !== undefined && !exited() ? groupRssMb(child.pid) : null;
    log(
      `${label}: first page ${firstPageMs === null ? 'never' : `${firstPageMs.toFixed(0)} ms`}, ` +
        `ready ${readyMs === null ? 'never' : `${readyMs.toFixed(0)} ms`}, ` +
        `RSS ${rssMb === null ? '?' : (rssMb as number).toFixed(0)} MB after first page, ${rssReadyMb?.toFixed(0) ?? '?'} MB after both`,
    );
    if (firstPageMs === null || readyMs === null) {
      log(`${label}: server ${exited() ? `exited (code ${child.exitCode})` : 'timed out'}; last output:\n${server.output()}`);
    }
    return { firstPageMs, readyMs, rssMb, rssReadyMb };
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  if (!hasBuild()) {
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
