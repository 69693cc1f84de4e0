import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from './rows';
import type { Tx } from './tenant';

/**
 * The restore's writes, inside its one transaction. The transaction starts as app_system (a new
 * workspace has no tenant to act in yet); once the workspace exists it switches to app_user with
 * the new tenant set, so row-level security checks every restored row belongs to it.
 */
export async function actAsTenantInTransaction(tx: Tx, tenantId: string, userId: string): Promise<void> {
  await tx.execute(sql`select set_config('role', 'app_user', true), set_config('app.tenant_id', ${tenantId}, true), set_config('app.user_id', ${userId}, true)`);
}

/** Back to app_system in the same transaction (to record the outcome on the requesting workspace's row). */
export async function actAsSystemInTransaction(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('role', 'app_system', true), set_config('app.tenant_id', '', true)`);
}

const ident = (names: readonly string[]): SQL => sql.join(names.map((n) => sql.identifier(n)), sql`, `);

/**
 * One multi-row insert: Postgres turns the JSON objects into rows of the table's own type
 * (bigint and numeric from strings, arrays from JSON arrays), so no value passes through a JS
 * number. Columns left out of `columns` take their defaults.
 */
export async function insertRows(tx: Tx, table: string, columns: readonly string[], rows: readonly Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  await tx.execute(sql`
    insert into ${sql.identifier(table)} (${ident(columns)})
    select ${ident(columns)} from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(rows)}::json)`);
}

/** Sets `column` on rows found by `key` (a reference to a row inserted later: a self-reference or a cycle). */
export async function updateColumn(tx: Tx, table: string, key: readonly string[], column: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const t = sql.identifier(table);
  await tx.execute(sql`
    update ${t} set ${sql.identifier(column)} = v.${sql.identifier(column)}
    from json_populate_recordset(null::${t}, ${JSON.stringify(rows)}::json) v
    where ${sql.join(key.map((k) => sql`${t}.${sql.identifier(k)} = v.${sql.identifier(k)}`), sql` and `)}`);
}

/** Row count and exact sums (decimal strings) of the tenant's rows, for the check after inserting. */
export async function tableTotals(tx: Tx, table: string, tenantColumn: string, tenantId: string, sumColumns: readonly string[]): Promise<{ rows: number; sums: Record<string, string> }> {
  const sums = sumColumns.map((c) => sql`coalesce(sum(${sql.identifier(c)}), 0)::numeric::text`);
  const [row] = rowsOf<{ n: string; sums: string }>(
    await tx.execute(sql`
      select count(*)::text as n, to_json(array[${sums.length ? sql.join(sums, sql`, `) : sql``}]::text[])::text as sums
      from ${sql.identifier(table)} where ${sql.identifier(tenantColumn)} = ${tenantId}::uuid`),
  );
  const values = JSON.parse(row!.sums) as string[];
  return { rows: Number(row!.n), sums: Object.fromEntries(sumColumns.map((c, i) => [c, values[i]!])) };
}
