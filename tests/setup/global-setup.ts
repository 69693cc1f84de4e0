import type { TestProject } from 'vitest/node';
import { createFreshDatabase, dropDatabase } from '@/db/testing/fresh-database';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
  }
}

/**
 * With DATABASE_URL (CI), every run gets its own freshly migrated Postgres database, dropped at
 * the end. Without it each test file opens an in-memory PGlite (see per-file.ts).
 */
export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL?.trim();
  if (!base) {
    project.provide('databaseUrl', null);
    return;
  }
  const url = await createFreshDatabase(base);
  project.provide('databaseUrl', url);
  return async () => {
    if (!process.env.KEEP_TEST_DATABASE) await dropDatabase(base, url);
  };
}
