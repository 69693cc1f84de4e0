import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();

function filesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(rel);
    return /\.(ts|tsx)$/.test(entry.name) ? [rel] : [];
  });
}

const staticImports = (file: string) =>
  [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
const anyImports = (file: string) =>
  [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/(?:from\s+|import\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('workflow layer import boundaries', () => {
  const jobs = filesUnder('lib/jobs');

  it('lib/jobs never imports inngest/ (the client lives in lib/jobs/inngest-client.ts)', () => {
    const offenders = jobs.flatMap((file) => anyImports(file).filter((spec) => spec.startsWith('@/inngest')).map((spec) => `${file} → ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('inside lib/jobs only catalog.ts reads the workflow list, and nothing in lib/jobs imports the catalog statically', () => {
    const listReaders = jobs.filter((file) => anyImports(file).includes('@/lib/workflows'));
    expect(listReaders).toEqual([path.join('lib', 'jobs', 'catalog.ts')]);
    const staticCatalog = jobs.filter((file) => staticImports(file).some((spec) => spec === './catalog' || spec === '@/lib/jobs/catalog'));
    expect(staticCatalog).toEqual([]);
  });

  it('a module workflow file imports lib/jobs files, never the list (no cycle through lib/workflows.ts)', () => {
    const listed = staticImports('lib/workflows.ts').filter((spec) => spec.startsWith('@/lib/') && !spec.startsWith('@/lib/jobs/define-workflow'));
    for (const spec of listed) {
      const file = `${spec.replace('@/', '')}.ts`;
      expect(anyImports(file), file).not.toContain('@/lib/workflows');
    }
  });
});
