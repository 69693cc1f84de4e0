import { sql, type SQL } from 'drizzle-orm';
import type { ExportColumn, ExportTable } from './export-catalog';
import { rowsOf } from './rows';
import type { Tx } from './tenant';

/**
 * One keyset page of a table for the workspace export, encoded by Postgres itself so no value
 * passes through a JS number or Date: each row as an NDJSON line (row_to_json, bigint and numeric
 * as strings, timestamps ISO-8601 in UTC) and as CSV fields (text; arrays and json as JSON text),
 * with the page's last key and the running sums of its integer and numeric columns.
 */
export type ExportBatchInput = {
  table: Pick<ExportTable, 'name' | 'tenantColumn' | 'primaryKey' | 'columns'>;
  /** The columns to write (the secret ones already left out). */
  columns: readonly ExportColumn[];
  /** The columns to sum, with the sums so far (decimal strings). */
  sums: readonly { column: string; total: string }[];
  tenantId: string;
  /** The last key of the previous page (as text, in primary key order); null for the first page. */
  after: readonly string[] | null;
  limit: number;
};

export type ExportBatch = {
  lines: string[];
  csv: (string | null)[][];
  /** The last row's key, or null when the page was empty. */
  last: string[] | null;
  /** The sums including this page, in the order asked. */
  sums: string[];
};

const SUMMABLE = new Set(['integer', 'bigint', 'numeric']);

export function isSummable(column: ExportColumn): boolean {
  return SUMMABLE.has(column.kind);
}

// Types come from format_type in the catalog; a cursor cast must never carry anything else.
function castType(type: string): SQL {
  if (!/^[a-z][a-z0-9 _(),[\]."]*$/i.test(type)) throw new Error(`export: unexpected column type ${type}`);
  return sql.raw(type);
}

function jsonValue(column: ExportColumn): SQL {
  const c = sql`b.${sql.identifier(column.name)}`;
  switch (column.kind) {
    case 'bigint':
    case 'numeric':
      return sql`${c}::text`;
    case 'bigint[]':
    case 'numeric[]':
      return sql`${c}::text[]`;
    default:
      return c;
  }
}

function csvValue(column: ExportColumn): SQL {
  const c = sql`b.${sql.identifier(column.name)}`;
  switch (column.kind) {
    case 'json':
    case 'array':
      return sql`to_json(${c})::text`;
    case 'bigint[]':
    case 'numeric[]':
      return sql`to_json(${c}::text[])::text`;
    case 'timestamptz':
      return sql`to_json(${c}) #>> '{}'`;
    default:
      return sql`${c}::text`;
  }
}

export async function readExportBatch(tx: Tx, input: ExportBatchInput): Promise<ExportBatch> {
  const { table, columns, sums, tenantId, after, limit } = input;
  if (!table.primaryKey.length) throw new Error(`export: table ${table.name} has no primary key to page on`);
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const key = table.primaryKey.map((name) => sql`b.${sql.identifier(name)}`);
  const keyRaw = table.primaryKey.map((name) => sql.identifier(name));
  const afterClause = after
    ? sql` and (${sql.join(keyRaw, sql`, `)}) > (${sql.join(
        after.map((value, i) => sql`${value}::${castType(byName.get(table.primaryKey[i]!)!.type)}`),
        sql`, `,
      )})`
    : sql``;
  const sumList = sums.length ? sql`, s.sums` : sql`, '[]' as sums`;
  const sumCte = sums.length
    ? sql`, s as (select to_json(array[${sql.join(
        sums.map(({ column, total }) => sql`(coalesce(sum(b.${sql.identifier(column)}), 0)::numeric + ${total}::numeric)::text`),
        sql`, `,
      )}]::text[])::text as sums from b)`
    : sql``;

  // For this transaction only: timestamps render in UTC; and the page is read in key order
  // straight off an index, whatever the statistics say. With stale or missing statistics the
  // planner picks a bitmap scan plus a sort of every row past the cursor, which makes a 1M-row
  // table quadratic (measured: 2,000-row pages slowing to ~90 ms each); sorting off costs the
  // plan 1e10, so JIT goes off too, or it compiles every page (~600 ms).
  await tx.execute(
    sql`select set_config('TimeZone', 'UTC', true), set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true), set_config('jit', 'off', true)`,
  );
  const result = await tx.execute(sql`
    with b as (
      select * from ${sql.identifier(table.name)}
      where ${sql.identifier(table.tenantColumn)} = ${tenantId}::uuid${afterClause}
      order by ${sql.join(keyRaw, sql`, `)}
      limit ${limit}
    )${sumCte}
    select row_to_json(r)::text as line,
           to_json(array[${sql.join(columns.map(csvValue), sql`, `)}]::text[])::text as csv,
           to_json(array[${sql.join(key.map((k) => sql`${k}::text`), sql`, `)}]::text[])::text as key${sumList}
    from b
    cross join lateral (select ${sql.join(columns.map((c) => sql`${jsonValue(c)} as ${sql.identifier(c.name)}`), sql`, `)}) r
    ${sums.length ? sql`cross join s` : sql``}
    order by ${sql.join(key, sql`, `)}`);
  // The text arrays travel as JSON text: drivers parse array literals differently (postgres.js
  // turned a NULL element into the string 'NULL'); JSON of strings and nulls parses the same anywhere.
  const rows = rowsOf<{ line: string; csv: string; key: string; sums: string }>(result);
  return {
    lines: rows.map((row) => row.line),
    csv: rows.map((row) => JSON.parse(row.csv) as (string | null)[]),
    last: rows.length ? (JSON.parse(rows.at(-1)!.key) as string[]) : null,
    sums: rows.length ? (JSON.parse(rows[0]!.sums) as string[]) : sums.map((s) => s.total),
  };
}
