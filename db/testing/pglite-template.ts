import { readFile, writeFile } from 'node:fs/promises';
import * as schema from '../schema';
import { runMigrations } from '../migrate';

/**
 * A migrated PGlite data directory as a tarball, made once per test run: each test file then
 * starts from a copy (loadDataDir) instead of running initdb and every migration again.
 */
export async function writePgliteTemplate(file: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const client = new PGlite();
  await client.waitReady;
  await runMigrations(drizzle(client, { schema }), 'pglite');
  const dump = await client.dumpDataDir('none');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await client.close();
}

export async function readPgliteTemplate(file: string): Promise<Blob> {
  return new Blob([await readFile(file)]);
}
