import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const SOURCE_DIRS = ['app', 'components', 'lib', 'inngest', 'middleware.ts', 'instrumentation.ts'];

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    return [];
  }
  if (stat.isFile()) return /\.(ts|tsx)$/.test(entry) ? [entry] : [];
  return readdirSync(full).flatMap((name) => sourceFiles(path.join(entry, name)));
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
}

const files = SOURCE_DIRS.flatMap(sourceFiles);

describe('import boundaries (DESIGN.md §1)', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it('only db/ touches the database driver or client', () => {
    const offenders = files.flatMap((file) =>
      importsOf(file)
        .filter((spec) => ['postgres', '@electric-sql/pglite', '@/db/client'].includes(spec) || spec.startsWith('drizzle-orm/postgres-js') || spec.startsWith('drizzle-orm/pglite'))
        .map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('components never import db/', () => {
    const offenders = sourceFiles('components').flatMap((file) =>
      importsOf(file).filter((spec) => spec.startsWith('@/db')).map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lib never imports app/', () => {
    const offenders = sourceFiles('lib').flatMap((file) =>
      importsOf(file).filter((spec) => spec.startsWith('@/app')).map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only app/api/inngest imports inngest/functions', () => {
    const offenders = files
      .filter((file) => !file.startsWith(path.join('app', 'api', 'inngest')))
      .flatMap((file) =>
        importsOf(file).filter((spec) => spec.startsWith('@/inngest/functions')).map((spec) => `${file} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('tenant contexts are made only by lib/tenancy and the workflow runners', () => {
    const allowed = [path.join('lib', 'tenancy'), path.join('lib', 'jobs'), path.join('inngest')];
    const offenders = files
      .filter((file) => !allowed.some((dir) => file.startsWith(dir)))
      .filter((file) => /\btenantContext\(/.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('app/ and components never open a transaction: pages use the page helper, actions the wrappers (DESIGN.md §2)', () => {
    const offenders = [...sourceFiles('app'), ...sourceFiles('components')].filter((file) =>
      /\b(withSystem|withTenant)\b/.test(readFileSync(path.join(ROOT, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('lib/jobs never imports inngest/ (the client lives in lib/jobs)', () => {
    const offenders = sourceFiles(path.join('lib', 'jobs')).flatMap((file) =>
      importsOf(file).filter((spec) => spec.startsWith('@/inngest')).map((spec) => `${file} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
