import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf } from './rows';
import { declaredTables, tenantSecurityStatements } from './tenant-security';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');

type Executor = { execute: (query: ReturnType<typeof sql.raw>) => Promise<unknown> };

/**
 * Applies drizzle/ migrations, then the tenant-security step (FORCE RLS and app_user grants for
 * every table db/schema declares); safe on every start (applied migrations are skipped, the
 * step is idempotent).
 */
export async function runMigrations(db: unknown, driver: 'postgres' | 'pglite'): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  // `db` is typed loosely because client.ts imports this module; each migrator checks its driver.
  if (driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(db as Parameters<typeof migrate>[0], config);
  } else {
    const { migrate } = await import('drizzle-orm/postgres-js/migrator');
    await migrate(db as Parameters<typeof migrate>[0], config);
  }
  const executor = db as Executor;
  // Only tables that exist: a test may declare throwaway tables it creates (and rolls back) itself.
  const existing = new Set(
    rowsOf<{ name: string }>(await executor.execute(sql.raw(`select relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p')`))).map((r) => r.name),
  );
  for (const statement of tenantSecurityStatements(declaredTables().filter((t) => existing.has(t.name)))) {
    await executor.execute(sql.raw(statement));
  }
}
