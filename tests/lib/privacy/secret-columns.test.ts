import { describe, expect, it } from 'vitest';
import { EXPORTED_LOOKALIKE_COLUMNS, SECRET_COLUMNS, SECRET_LOOKING } from '@/lib/privacy/secret-columns';
import { columnsOf, tenantTables } from '../../helpers/tenant-tables';

async function tenantColumns(): Promise<{ table: string; column: string }[]> {
  const tables = await tenantTables();
  const all = await Promise.all(tables.map(async (table) => (await columnsOf(table)).map((c) => ({ table, column: c.name }))));
  return all.flat();
}

const listed = (list: Readonly<Record<string, readonly string[]>>, table: string, column: string) => list[table]?.includes(column) ?? false;

describe('secret columns of the privacy export', () => {
  it('every tenant column that looks like a key, token, hash or ciphertext is excluded or explicitly exported', async () => {
    const undecided = (await tenantColumns())
      .filter(({ column }) => SECRET_LOOKING.test(column))
      .filter(({ table, column }) => !listed(SECRET_COLUMNS, table, column) && !listed(EXPORTED_LOOKALIKE_COLUMNS, table, column))
      .map(({ table, column }) => `${table}.${column}`);
    expect(undecided, 'add each to SECRET_COLUMNS (never exported) or EXPORTED_LOOKALIKE_COLUMNS in lib/privacy/secret-columns.ts').toEqual([]);
  });

  it('names only columns that exist, and none in both lists', async () => {
    const existing = new Set((await tenantColumns()).map(({ table, column }) => `${table}.${column}`));
    for (const list of [SECRET_COLUMNS, EXPORTED_LOOKALIKE_COLUMNS]) {
      for (const [table, columns] of Object.entries(list)) {
        for (const column of columns) expect(existing.has(`${table}.${column}`), `${table}.${column}`).toBe(true);
      }
    }
    for (const [table, columns] of Object.entries(SECRET_COLUMNS)) {
      for (const column of columns) expect(listed(EXPORTED_LOOKALIKE_COLUMNS, table, column), `${table}.${column}`).toBe(false);
    }
  });

  it('catches the names it is meant to catch', () => {
    for (const name of ['token_hash', 'secret_sealed', 'refresh_token', 'password_hash', 'encrypted_key', 'ciphertext', 'totp_secret']) {
      expect(SECRET_LOOKING.test(name), name).toBe(true);
    }
  });
});
