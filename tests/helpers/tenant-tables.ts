import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/tenant';
import { rowsOf } from '@/db/rows';
import { systemQuery } from './database';

export type ColumnInfo = {
  name: string;
  udt: string;
  typtype: string;
  nullable: boolean;
  hasDefault: boolean;
  maxLength: number | null;
  enumFirst: string | null;
  refTable: string | null;
  refColumn: string | null;
};

/** Every table in public that carries tenant_id: discovered, so new tables are covered unasked. */
export async function tenantTables(): Promise<string[]> {
  const rows = await systemQuery<{ table: string }>(sql`
    select c.relname as "table"
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p')
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
    order by 1`);
  return rows.map((r) => r.table);
}

/** Reads through `tx` when given: on PGlite a second transaction inside one would wait forever. */
export async function columnsOf(table: string, tx?: Tx): Promise<ColumnInfo[]> {
  const query = sql`
    select a.attname as name,
           t.typname as udt,
           t.typtype as typtype,
           not a.attnotnull as nullable,
           (a.atthasdef or a.attidentity <> '' or a.attgenerated <> '') as "hasDefault",
           case when a.atttypmod > 4 and t.typname in ('bpchar', 'varchar') then a.atttypmod - 4 end as "maxLength",
           (select e.enumlabel from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder limit 1) as "enumFirst",
           fk.ref_table as "refTable",
           fk.ref_column as "refColumn"
    from pg_attribute a
    join pg_class c on c.oid = a.attrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_type t on t.oid = a.atttypid
    left join lateral (
      -- Single or composite (tenant_id, x_id) references: the referenced column at this column's position.
      select rc.relname as ref_table, ra.attname as ref_column
      from pg_constraint k
      join pg_class rc on rc.oid = k.confrelid
      cross join lateral unnest(k.conkey, k.confkey) as u(col, refcol)
      join pg_attribute ra on ra.attrelid = k.confrelid and ra.attnum = u.refcol
      where k.conrelid = c.oid and k.contype = 'f' and u.col = a.attnum
      order by array_length(k.conkey, 1) desc
      limit 1
    ) fk on true
    where n.nspname = 'public' and c.relname = ${table} and a.attnum > 0 and not a.attisdropped
    order by a.attnum`;
  return tx ? rowsOf<ColumnInfo>(await tx.execute(query)) : systemQuery<ColumnInfo>(query);
}
