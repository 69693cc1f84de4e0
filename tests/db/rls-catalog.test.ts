import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { withSystem, type Tx } from '@/db/tenant';
import { systemQuery } from '../helpers/database';
import { tenantTables } from '../helpers/tenant-tables';

// Tables without tenant_id that app_user may still touch, and how. Anything else is a leak.
const APP_USER_NON_TENANT_ALLOWED: Record<string, string[]> = {
  workspaces: ['SELECT', 'UPDATE'],
};

/** `tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid`, as Postgres prints it. */
function isTenantPredicate(expression: string): boolean {
  const flat = expression.replace(/[\s()]/g, '');
  return flat.startsWith('tenant_id=SELECTNULLIFcurrent_setting\'app.tenant_id\'::text,true,\'\'::text') && flat.endsWith('::uuid');
}

async function rlsProblems(tx: Tx): Promise<string[]> {
  const rows = rowsOf<{ table: string; enabled: boolean; forced: boolean; policies: string[] }>(
    await tx.execute(QUERY),
  );
  const problems: string[] = [];
  for (const row of rows) {
    if (!row.enabled) problems.push(`${row.table}: RLS not enabled`);
    if (!row.forced) problems.push(`${row.table}: RLS not forced`);
    const tenantPolicy = row.policies.find((policy) => {
      const [using, check, command, roles] = policy.split(' | ');
      return isTenantPredicate(using!) && isTenantPredicate(check!) && command === '*' && roles!.split(',').includes('app_user');
    });
    if (!tenantPolicy) problems.push(`${row.table}: no FOR ALL tenant policy (using + with check) for app_user; has ${JSON.stringify(row.policies)}`);
  }
  if (rows.length === 0) problems.push('no tenant tables found');
  return problems;
}

const QUERY = sql`
      select c.relname as "table", c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             coalesce(array_agg(pg_get_expr(p.polqual, p.polrelid) || ' | ' || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') || ' | ' || p.polcmd::text || ' | ' ||
               array_to_string(array(select rolname from pg_roles r where r.oid = any(p.polroles)), ','))
               filter (where p.oid is not null), '{}') as policies
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_policy p on p.polrelid = c.oid
      where n.nspname = 'public' and c.relkind in ('r', 'p')
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
      group by c.relname, c.relrowsecurity, c.relforcerowsecurity`;

describe('row-level security catalog', () => {
  it('finds the platform tenant tables', async () => {
    const tables = await tenantTables();
    expect(tables).toEqual(expect.arrayContaining(['memberships', 'invitations', 'audit_log', 'job_runs', 'outbox']));
  });

  it('every table with tenant_id has RLS enabled and forced, and a tenant policy for app_user', async () => {
    const problems = await withSystem('test: rls catalog', (tx) => rlsProblems(tx));
    expect(problems).toEqual([]);
  });

  it('the guard flags a tenant table added without RLS', async () => {
    const db = await getDatabase();
    const rollback = new Error('rollback');
    let problems: string[] = [];
    await db
      .transaction(async (tx) => {
        await tx.execute(sql`create table rls_canary (id serial primary key, tenant_id uuid not null)`);
        problems = await rlsProblems(tx as unknown as Tx);
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
    expect(problems).toEqual(
      expect.arrayContaining([
        'rls_canary: RLS not enabled',
        'rls_canary: RLS not forced',
        expect.stringContaining('rls_canary: no FOR ALL tenant policy'),
      ]),
    );
  });

  it('app_user cannot bypass RLS and app_system can', async () => {
    const rows = await systemQuery<{ rolname: string; rolbypassrls: boolean; rolsuper: boolean }>(
      sql`select rolname, rolbypassrls, rolsuper from pg_roles where rolname in ('app_user', 'app_system') order by rolname`,
    );
    expect(rows).toEqual([
      { rolname: 'app_system', rolbypassrls: true, rolsuper: false },
      { rolname: 'app_user', rolbypassrls: false, rolsuper: false },
    ]);
  });

  it('app_user has no privileges on non-tenant tables beyond the allow-list', async () => {
    const rows = await systemQuery<{ table: string; privilege: string }>(sql`
      select table_name as "table", privilege_type as privilege
      from information_schema.role_table_grants g
      where g.grantee = 'app_user' and g.table_schema = 'public'
        and not exists (
          select 1 from information_schema.columns col
          where col.table_schema = 'public' and col.table_name = g.table_name and col.column_name = 'tenant_id')`);
    const unexpected = rows.filter((r) => !(APP_USER_NON_TENANT_ALLOWED[r.table] ?? []).includes(r.privilege));
    expect(unexpected).toEqual([]);
  });

  it('app_user reads only the public columns of users', async () => {
    const rows = await systemQuery<{ column: string }>(sql`
      select column_name as "column" from information_schema.columns
      where table_schema = 'public' and table_name = 'users'
        and has_column_privilege('app_user', 'public.users', column_name, 'SELECT') order by 1`);
    expect(rows.map((r) => r.column)).toEqual(['email', 'id', 'image', 'name']);
  });
});
