import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { initdbInChild } from '@/db/pglite-initdb';

const root = mkdtempSync(path.join(tmpdir(), 'tessera-initdb-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('PGlite initdb in a child process', () => {
  it('creates a data directory this process can open, leaving no staging directory behind', async () => {
    const dir = path.join(root, 'fresh');
    expect(await initdbInChild(dir)).toEqual({ ok: true });
    expect(existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    expect(readdirSync(root).filter((name) => name.includes('.initdb-'))).toEqual([]);

    const db = new PGlite(dir);
    try {
      expect((await db.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
    // A second start finds it made and does nothing.
    expect(await initdbInChild(dir)).toEqual({ ok: true });
  }, 60_000);

  it('takes over an empty directory but never deletes one with files in it', async () => {
    const empty = path.join(root, 'empty');
    mkdirSync(empty);
    expect(await initdbInChild(empty)).toEqual({ ok: true });

    const occupied = path.join(root, 'occupied');
    mkdirSync(occupied);
    writeFileSync(path.join(occupied, 'notes.txt'), 'keep me');
    expect((await initdbInChild(occupied)).ok).toBe(false);
    expect(readdirSync(occupied)).toEqual(['notes.txt']);
  }, 60_000);
});
