import { randomBytes } from 'node:crypto';
import { runMigrations } from '../migrate';

/** Creates `name` (or a random test database) next to `baseUrl`, migrates it, returns its URL. */
export async function createFreshDatabase(baseUrl: string, name?: string): Promise<string> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const dbName = name ?? `tessera_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  if (!/^[a-z0-9_]+$/.test(dbName)) throw new Error(`invalid database name: ${dbName}`);
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
    await admin.unsafe(`create database "${dbName}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const client = postgres(url.toString(), { max: 1, onnotice: () => {} });
  try {
    await runMigrations(drizzle(client), 'postgres');
  } finally {
    await client.end();
  }
  return url.toString();
}

export async function dropDatabase(baseUrl: string, url: string): Promise<void> {
  const { default: postgres } = await import('postgres');
  const dbName = new URL(url).pathname.slice(1);
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  } finally {
    await admin.end();
  }
}
