import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { MIGRATIONS_FOLDER } from './migrate';
import { rowsOf } from './rows';
import type { Tx } from './tenant';

/**
 * What a workspace export reads, discovered from the catalog at run time (as the RLS tests do):
 * every table in public with a tenant_id column, so a table a product adds later is exported
 * without anyone listing it.
 */

/** How a column's values are encoded, from its SQL type. */
export type ExportColumnKind = 'integer' | 'bigint' | 'numeric' | 'bigint[]' | 'numeric[]' | 'timestamptz' | 'json' | 'array' | 'other';

export type ExportColumn = { name: string; type: string; kind: ExportColumnKind };

export type ExportTable = {
  name: string;
  /** The column that names the tenant: `id` for the workspaces row itself, `tenant_id` everywhere else. */
  tenantColumn: 'id' | 'tenant_id';
  columns: ExportColumn[];
  /** Primary key columns in key order: the keyset the export pages on. */
  primaryKey: string[];
};

type CatalogRow = { table: string; name: string; type: string; udt: string; elem: string | null; pkPosition: number | null };

function kindOf(udt: string, elem: string | null): ExportColumnKind {
  if (elem) {
    if (elem === 'int8') return 'bigint[]';
    if (elem === 'numeric') return 'numeric[]';
    return 'array';
  }
  switch (udt) {
    case 'int2':
    case 'int4':
      return 'integer';
    case 'int8':
      return 'bigint';
    case 'numeric':
      return 'numeric';
    case 'timestamptz':
      return 'timestamptz';
    case 'json':
    case 'jsonb':
      return 'json';
    default:
      return 'other';
  }
}

/**
 * The workspaces table first (its one row is the tenant), then every tenant table, parents before
 * the tables that reference them; ties and cycles fall back to name order.
 */
export async function exportTables(tx: Tx): Promise<ExportTable[]> {
  const columns = rowsOf<CatalogRow>(
    await tx.execute(sql`
      select c.relname as "table", a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
             t.typname as udt, e.typname as elem,
             array_position(pk.conkey, a.attnum) as "pkPosition"
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      join pg_type t on t.oid = a.atttypid
      left join pg_type e on e.oid = t.typelem and t.typcategory = 'A'
      left join pg_constraint pk on pk.conrelid = c.oid and pk.contype = 'p'
      where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
        and (c.relname = 'workspaces' or exists (
          select 1 from pg_attribute ta where ta.attrelid = c.oid and ta.attname = 'tenant_id' and not ta.attisdropped))
      order by c.relname, a.attnum`),
  );
  const references = rowsOf<{ child: string; parent: string }>(
    await tx.execute(sql`
      select distinct ch.relname as child, pa.relname as parent
      from pg_constraint k
      join pg_class ch on ch.oid = k.conrelid
      join pg_class pa on pa.oid = k.confrelid
      join pg_namespace n on n.oid = ch.relnamespace
      where k.contype = 'f' and n.nspname = 'public' and ch.oid <> pa.oid`),
  );

  const tables = new Map<string, ExportTable>();
  for (const row of columns) {
    let table = tables.get(row.table);
    if (!table) {
      table = { name: row.table, tenantColumn: row.table === 'workspaces' ? 'id' : 'tenant_id', columns: [], primaryKey: [] };
      tables.set(row.table, table);
    }
    table.columns.push({ name: row.name, type: row.type, kind: kindOf(row.udt, row.elem) });
  }
  for (const row of columns) {
    if (row.pkPosition !== null) tables.get(row.table)!.primaryKey[Number(row.pkPosition) - 1] = row.name;
  }
  return dependencyOrder(tables, references);
}

function dependencyOrder(tables: Map<string, ExportTable>, references: { child: string; parent: string }[]): ExportTable[] {
  const parents = new Map<string, Set<string>>();
  for (const { child, parent } of references) {
    if (!tables.has(child) || !tables.has(parent)) continue;
    if (!parents.has(child)) parents.set(child, new Set());
    parents.get(child)!.add(parent);
  }
  const done = new Set<string>();
  const ordered: ExportTable[] = [];
  const names = [...tables.keys()].sort((a, b) => (a === 'workspaces' ? -1 : b === 'workspaces' ? 1 : a.localeCompare(b)));
  while (ordered.length < names.length) {
    const ready = names.filter((name) => !done.has(name) && [...(parents.get(name) ?? [])].every((p) => done.has(p)));
    // A cycle of references: take the first remaining table by name and carry on.
    const next = ready.length ? ready : [names.find((name) => !done.has(name))!];
    for (const name of next.slice(0, 1)) {
      done.add(name);
      ordered.push(tables.get(name)!);
    }
  }
  return ordered;
}

/** The schema an export was written against: the newest migration's tag (e.g. `0017_privacy_exports`). */
export async function schemaVersion(): Promise<string> {
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.at(-1)?.tag ?? 'unknown';
}
