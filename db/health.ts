import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER } from './migrate';
import { databaseHandle, getDatabase } from './client';
import { rowsOf } from './rows';

async function expectedMigrations(): Promise<number> {
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** Reachable and migrated: `ok` is true only when both hold. */
export async function checkDatabase(): Promise<{ ok: boolean; latencyMs: number; migrated: boolean; error?: string }> {
  const started = performance.now();
  try {
    // As the connecting role (it owns the migrations table); no tenant data is read.
    const db = await getDatabase();
    const result = await db.execute(sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
    const applied = Number(rowsOf<{ count: number }>(result)[0]?.count ?? 0);
    const expected = await expectedMigrations();
    const migrated = applied >= expected;
    return {
      ok: migrated,
      latencyMs: Math.round(performance.now() - started),
      migrated,
      ...(migrated ? {} : { error: `${expected - applied} migration(s) not applied` }),
    };
  } catch (error) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      migrated: false,
      error: error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error),
    };
  }
}

/** Opens (and in zero-config mode migrates) the database; one line for the start-up log. */
export async function openDatabaseForStartup(): Promise<string> {
  const handle = await databaseHandle();
  return handle.driver === 'pglite'
    ? `database: ${handle.describe} (zero-config; migrations applied on open)`
    : `database: ${handle.describe}`;
}
