import { spawn } from 'node:child_process';
import { existsSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import path from 'node:path';

// Runs in a throwaway Node process; bare imports in `-e` code resolve from the working directory.
const INITDB = `const { PGlite } = await import('@electric-sql/pglite');
const db = new PGlite(process.argv[1]);
await db.waitReady;
await db.close();`;

function runInChild(target: string): Promise<{ ok: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', INITDB, target], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', (error) => resolve({ ok: false, stderr: String(error) }));
    child.on('exit', (code) => resolve({ ok: code === 0, stderr }));
  });
}

/**
 * Creates a PGlite data directory in a child process. initdb leaves the process that ran it at
 * ~840 MB RSS for good (WASM memory never shrinks), against ~300 MB for opening an existing
 * directory, so a first start runs it elsewhere and then opens the result like any later start.
 * Built in a staging directory and renamed into place, so an interrupted initdb leaves nothing
 * half-made. Returns false (the caller then runs initdb itself) if the child can't do it.
 */
export async function initdbInChild(dir: string): Promise<{ ok: boolean; reason?: string }> {
  if (existsSync(path.join(dir, 'PG_VERSION'))) return { ok: true };
  const staging = `${dir}.initdb-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const result = await runInChild(staging);
  try {
    if (!result.ok || !existsSync(path.join(staging, 'PG_VERSION'))) return { ok: false, reason: result.stderr.trim().slice(0, 500) || 'initdb failed' };
    // An empty directory (made by hand) gives way; one with anything in it is never deleted.
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(staging, dir);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: String(error) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
