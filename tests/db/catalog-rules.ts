import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/rows';
import type { Tx } from '@/db/tenant';

/**
 * The rules every table with tenant_id must meet (DESIGN.md §2), read from the catalog so a table
 * added by any later issue is judged without being listed. Returns one line per problem.
 */

/** `tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid`, as Postgres prints it. */
export function isTenantPredicate(expression: string | null): boolean {
  if (!expression) return false;
  const flat = expression.replace(/[\s()]/g, '');
  return flat.startsWith('tenant_id=SELECTNULLIFcurrent_setting\'app.tenant_id\'::text,true,\'\'::text') && flat.endsWith('::uuid');
}

type PolicyRow = { table: string; name: string; permissive: boolean; command: string; roles: string[]; using: string | null; check: string | null };
type TableRow = { table: string; enabled: boolean; forced: boolean };
type ForeignKeyRow = { table: string; name: string; columns: string[]; refTable: string; refColumns: string[]; onDelete: string; refIsTenant: boolean };

const TABLES = sql`
  select c.relname as "table", c.relrowsecurity as enabled, c.relforcerowsecurity as forced
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind in ('r', 'p')
    and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
  order by 1`;

// pg_get_expr is null for a policy without USING (an INSERT policy) or without WITH CHECK.
const POLICIES = sql`
  select c.relname as "table", p.polname as name, p.polpermissive as permissive, p.polcmd::text as command,
         array(select case when r = 0 then 'public' else (select rolname from pg_roles where oid = r) end from unnest(p.polroles) r) as roles,
         pg_get_expr(p.polqual, p.polrelid) as using, pg_get_expr(p.polwithcheck, p.polrelid) as check
  from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public'`;

const FOREIGN_KEYS = sql`
  select c.relname as "table", k.conname as name,
         array(select a.attname from unnest(k.conkey) with ordinality u(n, i) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.i)::text[] as columns,
         rc.relname as "refTable",
         array(select a.attname from unnest(k.confkey) with ordinality u(n, i) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.i)::text[] as "refColumns",
         k.confdeltype::text as "onDelete",
         exists (select 1 from pg_attribute a where a.attrelid = rc.oid and a.attname = 'tenant_id' and not a.attisdropped) as "refIsTenant"
  from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class rc on rc.oid = k.confrelid
  join pg_namespace n on n.oid = c.relnamespace
  where k.contype = 'f' and n.nspname = 'public'`;

// Index key columns in order (expression columns are 0 and never tenant_id).
const LEADING_TENANT_INDEX = sql`
  select c.relname as "table"
  from pg_index i join pg_class c on c.oid = i.indrelid
  join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[0]
  where a.attname = 'tenant_id'
  group by c.relname`;

export async function catalogProblems(tx: Tx): Promise<string[]> {
  const [tables, policies, foreignKeys, indexed] = [
    rowsOf<TableRow>(await tx.execute(TABLES)),
    rowsOf<PolicyRow>(await tx.execute(POLICIES)),
    rowsOf<ForeignKeyRow>(await tx.execute(FOREIGN_KEYS)),
    new Set(rowsOf<{ table: string }>(await tx.execute(LEADING_TENANT_INDEX)).map((r) => r.table)),
  ];
  const problems: string[] = [];
  if (tables.length === 0) problems.push('no tenant tables found');
  for (const { table, enabled, forced } of tables) {
    if (!enabled) problems.push(`${table}: RLS not enabled`);
    if (!forced) problems.push(`${table}: RLS not forced`);
    const own = policies.filter((p) => p.table === table);
    const isTenantPolicy = (p: PolicyRow) =>
      p.permissive && p.command === '*' && p.roles.includes('app_user') && isTenantPredicate(p.using) && isTenantPredicate(p.check);
    if (!own.some(isTenantPolicy)) {
      problems.push(`${table}: no FOR ALL tenant policy (using + with check) for app_user; has ${JSON.stringify(own.map((p) => p.name))}`);
    }
    // Permissive policies are OR-ed: any other one widens what the tenant policy allows.
    for (const extra of own.filter((p) => p.permissive && !isTenantPolicy(p))) {
      problems.push(`${table}: extra permissive policy ${extra.name} (${extra.command} to ${extra.roles.join(',')}) widens the tenant policy`);
    }
    const tenantFk = foreignKeys.find((k) => k.table === table && k.columns.length === 1 && k.columns[0] === 'tenant_id' && k.refTable === 'workspaces');
    if (!tenantFk) problems.push(`${table}: tenant_id does not reference workspaces`);
    else if (tenantFk.onDelete !== 'c') problems.push(`${table}: tenant_id → workspaces is not ON DELETE CASCADE`);
    if (!indexed.has(table)) problems.push(`${table}: no index leading with tenant_id`);
    for (const fk of foreignKeys.filter((k) => k.table === table && k.refIsTenant)) {
      const paired = fk.columns[0] === 'tenant_id' && fk.refColumns[0] === 'tenant_id';
      if (!paired) {
        problems.push(`${table}: foreign key ${fk.name} (${fk.columns.join(', ')}) → ${fk.refTable} does not include tenant_id (use tenantRef)`);
      }
    }
  }
  return problems;
}
