/**
 * Starting and stopping a built app (`next start`) for the benchmarks that need a real server.
 * The server runs in its own process group and the whole group is killed, because killing only
 * the launcher leaves an orphan next-server holding the port and the PGlite directory (STACK-NOTES).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { log } from './support';

export const root = process.cwd();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function hasBuild(): boolean {
  return existsSync(path.join(root, '.next', 'BUILD_ID'));
}

export function freePort(): Promise<number> {
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
export function groupPids(pgid: number): number[] {
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

export function groupRssMb(pgid: number): number {
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

export async function killGroup(child: ChildProcess): Promise<void> {
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

const live = new Set<ChildProcess>();

// A Ctrl-C during a benchmark must not leave a server holding the port and the PGlite directory.
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

export type NextServer = {
  child: ChildProcess;
  port: number;
  base: string;
  exited: () => boolean;
  /** The last few KB the server printed, for a failure message. */
  output: () => string;
  stop: () => Promise<void>;
};

/** Spawns `next start` on a free port with exactly `env`; returns at once (poll for readiness). */
export async function startNextServer(env: NodeJS.ProcessEnv, nodeFlags: string[] = []): Promise<NextServer> {
  const port = await freePort();
  const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  const child = spawn(process.execPath, [...nodeFlags, nextBin, 'start', '-p', String(port)], {
    cwd: root,
    env,
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
  return {
    child,
    port,
    // Auth.js builds absolute URLs from the host it sees; Next rewrites 127.0.0.1 to localhost.
    base: `http://localhost:${port}`,
    exited: () => exited,
    output: () => output,
    stop: async () => {
      await killGroup(child);
      live.delete(child);
    },
  };
}

/** Milliseconds from `t0` until `url` first answers 200, or null when the deadline passes. */
export async function firstOk(url: string, t0: number, deadline: number, exited: () => boolean, pollMs = 50): Promise<number | null> {
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
    await sleep(pollMs);
  }
  log(`${url}: no 200 before ${exited() ? 'the server exited' : 'the deadline'}; last answer: ${last}`);
  return null;
}
