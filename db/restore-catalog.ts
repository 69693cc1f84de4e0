import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { exportTables, type ExportTable } from './export-catalog';
import { MIGRATIONS_FOLDER } from './migrate';
import { rowsOf } from './rows';
import type { Tx } from './tenant';

/**
 * What a restore needs to know about this installation's tables, from the catalog (as the export
 * reads it): the export's tables in parents-first order, plus each column's nullability and
 * default and every foreign key (pg_constraint, composite ones column by column), so a table a
 * product adds later restores with no code change.
 */
export type RestoreColumn = ExportTable['columns'][number] & { notNull: boolean; hasDefault: boolean; udt: string };

/** One foreign key: `columns[i]` references `refColumns[i]` of `refTable`. */
export type RestoreForeignKey = { name: string; columns: string[]; refTable: string; refColumns: string[] };

export type RestoreTable = Omit<ExportTable, 'columns'> & { columns: RestoreColumn[]; foreignKeys: RestoreForeignKey[] };

type ColumnRow = { table: string; name: string; notNull: boolean; hasDefault: boolean; udt: string };
type ForeignKeyRow = { table: string; name: string; columns: string; refTable: string; refColumns: string };

export async function restoreTables(tx: Tx): Promise<RestoreTable[]> {
  const tables = await exportTables(tx);
  const names = tables.map((t) => t.name);
  const columns = rowsOf<ColumnRow>(
    await tx.execute(sql`
      select c.relname as "table", a.attname as name, a.attnotnull as "notNull",
             (a.atthasdef or a.attidentity <> '' or a.attgenerated <> '') as "hasDefault", t.typname as udt
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      join pg_type t on t.oid = a.atttypid
      where n.nspname = 'public' and c.relname in (select json_array_elements_text(${JSON.stringify(names)}::json))`),
  );
  const foreignKeys = rowsOf<ForeignKeyRow>(
    await tx.execute(sql`
      select ch.relname as "table", k.conname as name, pa.relname as "refTable",
             to_json(array(select a.attname from unnest(k.conkey) with ordinality u(n, i)
                           join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i))::text as columns,
             to_json(array(select a.attname from unnest(k.confkey) with ordinality u(n, i)
                           join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i))::text as "refColumns"
      from pg_constraint k
      join pg_class ch on ch.oid = k.conrelid
      join pg_class pa on pa.oid = k.confrelid
      join pg_namespace n on n.oid = ch.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and ch.relname in (select json_array_elements_text(${JSON.stringify(names)}::json))
      order by ch.relname, k.conname`),
  );
  const extra = new Map(columns.map((c) => [`${c.table}.${c.name}`, c]));
  return tables.map((table) => ({
    ...table,
    columns: table.columns.map((c) => {
      const more = extra.get(`${table.name}.${c.name}`)!;
      return { ...c, notNull: more.notNull, hasDefault: more.hasDefault, udt: more.udt };
    }),
    foreignKeys: foreignKeys
      .filter((k) => k.table === table.name)
      .map((k) => ({ name: k.name, refTable: k.refTable, columns: JSON.parse(k.columns) as string[], refColumns: JSON.parse(k.refColumns) as string[] })),
  }));
}

/** Every migration tag this installation knows, oldest first (drizzle/meta/_journal.json). */
export async function knownSchemaVersions(): Promise<string[]> {
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.map((e) => e.tag);
}
