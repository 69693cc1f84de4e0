import type { TestProject } from 'vitest/node';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFreshDatabase, dropDatabase } from '@/db/testing/fresh-database';
import { writePgliteTemplate } from '@/db/testing/pglite-template';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
    pgliteTemplate: string | null;
  }
}

/**
 * With DATABASE_URL (CI), every run gets its own freshly migrated Postgres database, dropped at
 * the end. Without it each test file opens an in-memory PGlite loaded from one migrated template
 * (see per-file.ts).
 */
export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL?.trim();
  if (!base) {
    // PGlite: migrate once, and let every test file load a copy of the result.
    const dir = await mkdtemp(path.join(tmpdir(), 'tessera-pglite-'));
    const template = path.join(dir, 'migrated.tar');
    await writePgliteTemplate(template);
    project.provide('databaseUrl', null);
    project.provide('pgliteTemplate', template);
    return async () => {
      await rm(dir, { recursive: true, force: true });
    };
  }
  project.provide('pgliteTemplate', null);
  const url = await createFreshDatabase(base);
  project.provide('databaseUrl', url);
  return async () => {
    if (!process.env.KEEP_TEST_DATABASE) await dropDatabase(base, url);
  };
}
