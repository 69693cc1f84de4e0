import path from 'node:path';

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');

/** Applies drizzle/ migrations; safe on every start (applied ones are skipped). */
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
}
