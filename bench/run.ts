/**
 * `npm run bench [name …]`: runs bench/*.bench.ts (or the named ones) one after another, each in
 * its own process so a benchmark's environment (PGLITE_DIR, DATABASE_URL) and memory never leak
 * into the next. Each benchmark prints one JSON line on stdout; this runner passes it through, or
 * prints an error line in its place so the output always has one line per benchmark.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
// Generous: the RLS benchmark seeds 200k rows and the start benchmark boots the server twice.
const perBenchTimeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 15 * 60_000);

type Outcome = { line: string; ok: boolean };

function resolveBenchmarks(args: string[]): string[] {
  const all = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  if (args.length === 0) return all.map((f) => path.join(benchDir, f));
  return args.map((arg) => {
    const base = path.basename(arg).replace(/\.bench\.ts$|\.ts$/, '');
    const match = all.find((f) => f === `${base}.bench.ts`);
    if (!match) throw new Error(`unknown benchmark "${arg}"; have: ${all.join(', ')}`);
    return path.join(benchDir, match);
  });
}

function errorLine(file: string, error: string): string {
  return JSON.stringify({ name: path.basename(file, '.bench.ts'), value: null, unit: null, error });
}

function runOne(file: string): Promise<Outcome> {
  return new Promise((resolve) => {
    // The tsx loader is registered in the child too, so `@/*` paths resolve as they do here.
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: path.dirname(benchDir),
      stdio: ['ignore', 'pipe', 'inherit'],
      env: process.env,
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
    });
    const timer = setTimeout(() => {
      process.stderr.write(`[bench] ${path.basename(file)} exceeded ${perBenchTimeoutMs} ms, killing\n`);
      child.kill('SIGKILL');
    }, perBenchTimeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = stdout.split('\n').filter((l) => l.trim() !== '');
      if (lines.length !== 1) {
        const why = `expected one JSON line on stdout, got ${lines.length} (exit ${code ?? signal})`;
        for (const l of lines) process.stderr.write(`[bench] stray stdout: ${l}\n`);
        resolve({ line: errorLine(file, why), ok: false });
        return;
      }
      const line = lines[0]!;
      try {
        const parsed: unknown = JSON.parse(line);
        if (typeof parsed !== 'object' || parsed === null || !('name' in parsed) || !('value' in parsed) || !('unit' in parsed)) {
          resolve({ line: errorLine(file, 'JSON line lacks name/value/unit'), ok: false });
          return;
        }
      } catch {
        resolve({ line: errorLine(file, `not JSON: ${line.slice(0, 200)}`), ok: false });
        return;
      }
      resolve({ line, ok: code === 0 });
    });
  });
}

async function main(): Promise<void> {
  const files = resolveBenchmarks(process.argv.slice(2));
  let failed = 0;
  for (const file of files) {
    process.stderr.write(`[bench] ${path.basename(file)}\n`);
    const started = performance.now();
    const { line, ok } = await runOne(file);
    process.stdout.write(`${line}\n`);
    process.stderr.write(`[bench] ${path.basename(file)} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    if (!ok) failed += 1;
  }
  if (failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
