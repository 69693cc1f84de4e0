import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { DatabaseAvailability } from './availability';
import { runMigrations } from './migrate';
import { initdbInChild } from './pglite-initdb';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

type Handle = { db: Database; driver: 'postgres' | 'pglite'; describe: string; close: () => Promise<void> };

// One handle per process: two PGlite handles on one directory silently lose writes, and Next
// loads this module in several bundles, so the singleton lives on globalThis.
const holder = globalThis as unknown as { __tesseraDb?: Promise<Handle>; __tesseraDbAvailability?: DatabaseAvailability | null };

function intFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= 0 ? value : fallback;
}

/** The fail-fast settings (validated in lib/env/schema.ts; read here because db/ reads no lib config). */
export function databaseTimeouts() {
  return {
    connectTimeoutS: intFromEnv('DATABASE_CONNECT_TIMEOUT_S', 3) || 3,
    statementTimeoutMs: intFromEnv('DATABASE_STATEMENT_TIMEOUT_MS', 10_000),
    requestDeadlineMs: intFromEnv('DATABASE_REQUEST_DEADLINE_MS', 3_000) || 3_000,
  };
}

/**
 * Outage tracking for Postgres (null on PGlite, which is in-process): shared by every bundle of
 * the process so the outage is logged once and every entry point fails fast together.
 */
export function databaseAvailability(): DatabaseAvailability | null {
  if (holder.__tesseraDbAvailability === undefined) {
    holder.__tesseraDbAvailability = databaseUrl() ? new DatabaseAvailability({ deadlineMs: databaseTimeouts().requestDeadlineMs }) : null;
  }
  return holder.__tesseraDbAvailability;
}

function databaseUrl(): string | undefined {
  const url = process.env.DATABASE_URL?.trim();
  return url ? url : undefined;
}

/**
 * Bounded by DATABASE_REQUEST_DEADLINE_MS until `answered()` (a black-holed server never
 * answers); statements after it by DATABASE_STATEMENT_TIMEOUT_MS. While the database is down,
 * DatabaseUnavailableError at once (db/availability.ts). withTenant/withSystem and the readiness
 * probe run through it.
 */
export function failFast<T>(work: (answered: () => void) => Promise<T>): Promise<T> {
  const availability = databaseAvailability();
  return availability ? availability.run(work) : work(() => {});
}

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const max = Number(process.env.DATABASE_POOL_MAX ?? 10) || 10;
  const { connectTimeoutS, statementTimeoutMs } = databaseTimeouts();
  const client = postgres(url, {
    max,
    onnotice: () => {},
    // Without these a refused or black-holed server holds each request for the whole outage.
    connect_timeout: connectTimeoutS,
    connection: { application_name: 'tessera', statement_timeout: statementTimeoutMs },
  });
  const db = drizzle(client, { schema }) as unknown as Database;
  const host = new URL(url);
  return {
    db,
    driver: 'postgres',
    describe: `postgres ${host.hostname}:${host.port || 5432}${host.pathname}`,
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPglite(): Promise<Handle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const dir = process.env.PGLITE_DIR?.trim() || '.data/pglite';
  // PGlite creates its own directory but not the parents (.data/ on a fresh clone).
  if (dir !== 'memory://') {
    mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
    const initdb = await initdbInChild(path.resolve(dir));
    if (!initdb.ok) console.warn(`[db] initdb in a child process failed, running it here instead: ${initdb.reason}`);
  }
  // Tests start each file from a migrated template (db/testing/pglite-template.ts) when given one.
  const template = dir === 'memory://' ? process.env.PGLITE_TEMPLATE?.trim() : undefined;
  const client =
    dir !== 'memory://'
      ? new PGlite(dir)
      : template
        ? new PGlite({ loadDataDir: await (await import('./testing/pglite-template')).readPgliteTemplate(template) })
        : new PGlite();
  await client.waitReady;
  const db = drizzle(client, { schema }) as unknown as Database;
  // Zero-config mode has no separate migrate step: the schema is brought up to date on open.
  await runMigrations(db, 'pglite');
  return { db, driver: 'pglite', describe: `pglite ${dir}`, close: () => client.close() };
}

function open(): Promise<Handle> {
  const url = databaseUrl();
  return url ? openPostgres(url) : openPglite();
}

export function databaseHandle(): Promise<Handle> {
  holder.__tesseraDb ??= open().catch((error: unknown) => {
    holder.__tesseraDb = undefined;
    throw error;
  });
  return holder.__tesseraDb;
}

export async function getDatabase(): Promise<Database> {
  return (await databaseHandle()).db;
}

export async function closeDatabase(): Promise<void> {
  const handle = holder.__tesseraDb;
  holder.__tesseraDb = undefined;
  holder.__tesseraDbAvailability = undefined;
  if (handle) await (await handle).close();
}
