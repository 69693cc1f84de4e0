import { randomUUID } from 'node:crypto';
import { insertRows, tableTotals, updateColumn } from '@/db/restore-insert';
import type { Tx } from '@/db/tenant';
import type { PlannedTable } from './restore-plan';
import { ProblemList, RestoreRefused } from './restore-report';
import { readLines, type RestoreZip } from './restore-zip';

export const RESTORE_BATCH_ROWS = 500;

/** Old id → new id, per restored table that something references; plus ids handed out before their row arrived. */
export class IdMaps {
  private readonly maps = new Map<string, Map<string, string>>();
  private readonly pending = new Map<string, Set<string>>();

  private map(table: string): Map<string, string> {
    let map = this.maps.get(table);
    if (!map) this.maps.set(table, (map = new Map()));
    return map;
  }

  /** The new id of a row being inserted now (the one handed out earlier to a reference, if any). */
  materialize(table: string, oldId: string, keep: boolean): string {
    if (!keep) return randomUUID();
    const map = this.map(table);
    const id = map.get(oldId) ?? randomUUID();
    map.set(oldId, id);
    this.pending.get(table)?.delete(oldId);
    return id;
  }

  /** A reference to a row already inserted, or (deferred) one still to come. */
  reference(table: string, oldId: string, deferred: boolean): string | undefined {
    const map = this.map(table);
    const known = map.get(oldId);
    if (known || !deferred) return known;
    const id = randomUUID();
    map.set(oldId, id);
    if (!this.pending.has(table)) this.pending.set(table, new Set());
    this.pending.get(table)!.add(oldId);
    return id;
  }

  dangling(table: string): string[] {
    return [...(this.pending.get(table) ?? [])];
  }
}

export type RestoreTarget = { tenantId: string; sourceTenantId: string; userId: string };

type Deferred = { column: string; rows: Record<string, unknown>[] };

/**
 * Streams one table's NDJSON into the new workspace in multi-row batches, remapping as the plan
 * says. References to rows that come later are inserted as null and set once the table is in.
 */
export async function restoreTable(tx: Tx, zip: RestoreZip, table: PlannedTable, ids: IdMaps, target: RestoreTarget): Promise<number> {
  const deferredColumns = Object.entries(table.rules).filter(([, r]) => r.kind === 'ref' && r.deferred).map(([c]) => c);
  const deferred: Deferred[] = deferredColumns.map((column) => ({ column, rows: [] }));
  let batch: Record<string, unknown>[] = [];
  let rows = 0;
  const problems = new ProblemList();
  const flush = async () => {
    if (!batch.length) return;
    try {
      await insertRows(tx, table.name, table.insertColumns, batch);
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw new RestoreRefused([{ table: table.name, problem: 'insert_failed', message: `Rows of ${table.name} could not be inserted: ${cause}` }]);
    }
    batch = [];
  };

  await readLines(await zip.open(table.manifest.files.ndjson), async (line, index) => {
    const source = JSON.parse(line) as Record<string, unknown>;
    const row: Record<string, unknown> = {};
    for (const column of table.insertColumns) {
      const rule = table.rules[column]!;
      const value = source[column];
      switch (rule.kind) {
        case 'tenant':
          row[column] = target.tenantId;
          break;
        case 'new_id':
          row[column] = ids.materialize(table.name, String(value), table.referenced);
          break;
        case 'user':
          row[column] = rule.notNull ? target.userId : null;
          break;
        case 'workspace':
          row[column] = value === target.sourceTenantId ? target.tenantId : null;
          break;
        case 'dropped_ref':
          row[column] = null;
          break;
        case 'ref': {
          if (value === null || value === undefined) {
            row[column] = null;
            break;
          }
          const mapped = ids.reference(rule.table, String(value), rule.deferred);
          if (!mapped) {
            problems.add({ table: table.name, problem: 'dangling_reference', message: `Line ${index + 1} of ${table.name}: ${column} points at a ${rule.table} row that is not in the export.` });
            row[column] = null;
          } else if (rule.deferred) {
            row[column] = null;
            deferred.find((d) => d.column === column)!.rows.push({ ...Object.fromEntries(table.primaryKey.map((k) => [k, row[k]])), [column]: mapped });
          } else row[column] = mapped;
          break;
        }
        default:
          row[column] = value ?? null;
      }
    }
    batch.push(row);
    rows++;
    if (batch.length >= RESTORE_BATCH_ROWS) await flush();
  });
  await flush();
  problems.throwIfAny();
  for (const { column, rows: updates } of deferred) {
    for (let i = 0; i < updates.length; i += RESTORE_BATCH_ROWS) await updateColumn(tx, table.name, table.primaryKey, column, updates.slice(i, i + RESTORE_BATCH_ROWS));
  }
  return rows;
}

/** The deferred references that never met their row (the export referenced a row it doesn't hold). */
export function danglingProblems(tables: readonly PlannedTable[], ids: IdMaps, problems: ProblemList): void {
  for (const table of tables) {
    const missing = ids.dangling(table.name);
    if (missing.length) problems.add({ table: table.name, problem: 'dangling_reference', message: `${missing.length} reference(s) point at ${table.name} rows that are not in the export.` });
  }
}

/** "12.50" and "12.5" are the same sum. */
export function sameDecimal(a: string, b: string): boolean {
  const norm = (s: string) => {
    let [int, frac = ''] = s.split('.');
    frac = frac.replace(/0+$/, '');
    const negative = int!.startsWith('-');
    int = int!.replace(/^-/, '').replace(/^0+(?=\d)/, '');
    const body = frac ? `${int}.${frac}` : int;
    return negative && body !== '0' ? `-${body}` : body;
  };
  return norm(a) === norm(b);
}

/** After inserting, in the same transaction: each table's row count and its manifest sums, against the rows now in the new workspace. */
export async function verifyRestored(tx: Tx, tables: readonly PlannedTable[], tenantId: string, problems: ProblemList): Promise<void> {
  for (const table of tables) {
    const totals = await tableTotals(tx, table.name, table.tenantColumn, tenantId, table.sumColumns);
    if (totals.rows !== table.manifest.rows) {
      problems.add({ table: table.name, problem: 'row_count_mismatch', message: `${table.name}: ${totals.rows} rows restored; the manifest says ${table.manifest.rows}.` });
    }
    for (const column of table.sumColumns) {
      const expected = table.manifest.sums[column]!;
      if (!sameDecimal(totals.sums[column]!, expected)) {
        problems.add({ table: table.name, problem: 'sum_mismatch', message: `${table.name}.${column} sums to ${totals.sums[column]} after the restore; the manifest says ${expected}.` });
      }
    }
  }
}
