import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { getLogger } from '@/lib/observability/logger';
import { isDatabaseUnavailable } from './availability';
import { MIGRATIONS_FOLDER } from './migrate';
import { databaseHandle, failFast, getDatabase } from './client';
import { rowsOf } from './rows';

async function expectedMigrations(): Promise<number> {
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/**
 * Reachable and migrated: `ok` is true only when both hold. The error is a generic reason: the
 * driver's message names internal hosts and ports, so it goes to the log, not to the public.
 */
export async function checkDatabase(): Promise<{ ok: boolean; latencyMs: number; migrated: boolean; error?: string }> {
  const started = performance.now();
  try {
    // As the connecting role (it owns the migrations table); no tenant data is read.
    const result = await failFast(async (answered) => {
      const db = await getDatabase();
      const rows = await db.execute(sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
      answered();
      return rows;
    });
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
    // An outage is logged once by db/availability.ts; anything else here, every time.
    if (!isDatabaseUnavailable(error)) getLogger({ component: 'health' }).error({ err: error }, 'database readiness check failed');
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      migrated: false,
      error: isDatabaseUnavailable(error) ? 'unavailable' : 'check failed',
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
