import type { RestoreTable } from '@/db/restore-catalog';
import type { ExportManifest, ManifestTable } from './export-manifest';
import { ProblemList } from './restore-report';
import { isSkippedTable } from './restore-skip';

/**
 * How each restored column gets its value, decided from the catalog alone (no table is named):
 * - `tenant`: the new workspace's id;
 * - `new_id`: a uuid primary key gets a fresh id (remembered when something references it);
 * - `regenerated`: an integer primary key with a default (serial, identity) is left to it;
 * - `ref`: a foreign key into another restored table, mapped through that table's ids
 *   (`deferred` when the target rows come later: a self-reference or a cycle — set after);
 * - `user`: a reference to users: the restoring user when NOT NULL, else null;
 * - `workspace`: another reference to workspaces: the new workspace when it named the source;
 * - `dropped_ref`: a reference into a table that is not restored: null;
 * - `copy`: everything else, as exported.
 */
export type ColumnRule =
  | { kind: 'tenant' | 'new_id' | 'regenerated' | 'copy' | 'workspace' | 'dropped_ref' }
  | { kind: 'user'; notNull: boolean }
  | { kind: 'ref'; table: string; deferred: boolean };

export type PlannedTable = {
  name: string;
  manifest: ManifestTable;
  /** The columns inserted (manifest columns this installation has, minus regenerated ones). */
  insertColumns: string[];
  rules: Record<string, ColumnRule>;
  /** Primary key columns (for setting deferred references afterwards). */
  primaryKey: string[];
  tenantColumn: string;
  /** Whether another restored row references this table's ids (their map is kept). */
  referenced: boolean;
  /** Integer and numeric columns copied as exported: their manifest sums are checked after insert. */
  sumColumns: string[];
};

export type RestorePlan = { tables: PlannedTable[]; skipped: string[] };

/** Checks the manifest against this installation's catalog and plans the restore; problems are collected, not thrown. */
export function planRestore(manifest: ExportManifest, catalog: RestoreTable[], problems: ProblemList): RestorePlan {
  const byName = new Map(catalog.map((t) => [t.name, t]));
  const inManifest = new Map(manifest.tables.map((t) => [t.name, t]));
  for (const entry of manifest.tables) {
    const table = byName.get(entry.name);
    if (!table) {
      problems.add({ table: entry.name, problem: 'unknown_table', message: `Table ${entry.name} does not exist in this installation.` });
      continue;
    }
    const columns = new Set(table.columns.map((c) => c.name));
    for (const column of entry.columns) {
      if (!columns.has(column.name)) problems.add({ table: entry.name, problem: 'unknown_column', message: `Column ${entry.name}.${column.name} does not exist in this installation.` });
    }
  }
  if (!inManifest.has('workspaces')) problems.add({ table: 'workspaces', problem: 'manifest_invalid', message: 'The manifest has no workspaces table.' });

  const restored = catalog.filter((t) => t.name !== 'workspaces' && !isSkippedTable(t.name) && inManifest.has(t.name));
  const restoredNames = new Set(restored.map((t) => t.name));
  const order = new Map(catalog.map((t, i) => [t.name, i]));
  const referencedTables = new Set<string>();
  const tables: PlannedTable[] = [];

  for (const table of restored) {
    const entry = inManifest.get(table.name)!;
    const exported = new Set(entry.columns.map((c) => c.name));
    const rules: Record<string, ColumnRule> = {};
    const uuidPk = table.primaryKey.length === 1 ? table.columns.find((c) => c.name === table.primaryKey[0] && c.udt === 'uuid') : undefined;
    for (const column of table.columns) {
      if (column.name === table.tenantColumn) rules[column.name] = { kind: 'tenant' };
      else if (uuidPk && column.name === uuidPk.name) rules[column.name] = { kind: 'new_id' };
      else if (table.primaryKey.length === 1 && column.name === table.primaryKey[0] && column.hasDefault && ['int2', 'int4', 'int8'].includes(column.udt)) {
        rules[column.name] = { kind: 'regenerated' };
      } else rules[column.name] = { kind: 'copy' };
    }
    for (const key of table.foreignKeys) {
      key.columns.forEach((column, i) => {
        if (column === table.tenantColumn) return;
        const refColumn = key.refColumns[i]!;
        if (key.refTable === 'users') rules[column] = { kind: 'user', notNull: table.columns.find((c) => c.name === column)!.notNull };
        else if (key.refTable === 'workspaces') rules[column] = { kind: 'workspace' };
        else if (!restoredNames.has(key.refTable)) rules[column] = { kind: 'dropped_ref' };
        else {
          const target = byName.get(key.refTable)!;
          if (target.primaryKey.length !== 1 || target.primaryKey[0] !== refColumn) return; // a reference by another key: copied as is
          const targetRule = key.refTable === table.name ? rules[refColumn] : undefined;
          if (targetRule?.kind === 'regenerated' || (key.refTable !== table.name && target.columns.find((c) => c.name === refColumn)?.udt !== 'uuid')) {
            problems.add({ table: table.name, problem: 'insert_failed', message: `${table.name}.${column} references a generated key of ${key.refTable}, which a restore cannot remap.` });
            return;
          }
          referencedTables.add(key.refTable);
          rules[column] = { kind: 'ref', table: key.refTable, deferred: order.get(key.refTable)! >= order.get(table.name)! };
        }
      });
    }
    for (const column of table.columns) {
      const rule = rules[column.name]!;
      if (exported.has(column.name) || column.hasDefault || !column.notNull) continue;
      if (rule.kind === 'tenant' || rule.kind === 'new_id' || rule.kind === 'user') continue;
      const secret = entry.excluded.includes(column.name);
      problems.add({
        table: table.name,
        problem: 'missing_column',
        message: secret
          ? `${table.name}.${column.name} is left out of every export (a secret) and has no default, so the table can't be restored.`
          : `The export has no ${table.name}.${column.name}, which this installation requires.`,
      });
    }
    const insertColumns = table.columns
      .filter((c) => rules[c.name]!.kind !== 'regenerated')
      .filter((c) => exported.has(c.name) || ['tenant', 'new_id', 'user'].includes(rules[c.name]!.kind))
      .map((c) => c.name);
    const sumColumns = entry.columns.map((c) => c.name).filter((name) => name in entry.sums && rules[name]?.kind === 'copy');
    tables.push({ name: table.name, manifest: entry, insertColumns, rules, primaryKey: table.primaryKey, tenantColumn: table.tenantColumn, referenced: false, sumColumns });
  }
  for (const table of tables) table.referenced = referencedTables.has(table.name);
  const skipped = manifest.tables.map((t) => t.name).filter((name) => name !== 'workspaces' && !restoredNames.has(name));
  return { tables, skipped };
}
