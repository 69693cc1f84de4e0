import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db/client';
import { securedTables } from '@/db/schema/tenant-table';
import { withSystem, type Tx } from '@/db/tenant';
import { systemQuery } from '../helpers/database';
import { tenantTables } from '../helpers/tenant-tables';
import { catalogProblems } from './catalog-rules';

// Tables without tenant_id that app_user may still touch, and how. Anything else is a leak.
const APP_USER_NON_TENANT_ALLOWED: Record<string, string[]> = {
  workspaces: ['SELECT', 'UPDATE'],
  // A workspace's transaction queues the emails its changes cause (invitations); it never reads mail.
  email_outbox: ['INSERT'],
};

/** Runs `ddl` in a transaction that is always rolled back, and returns the catalog's verdict inside it. */
async function problemsWith(ddl: ReturnType<typeof sql>[]): Promise<string[]> {
  const db = await getDatabase();
  const rollback = new Error('rollback');
  let problems: string[] = [];
  await db
    .transaction(async (tx) => {
      for (const statement of ddl) await tx.execute(statement);
      problems = await catalogProblems(tx as unknown as Tx);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
  return problems;
}

describe('row-level security catalog', () => {
  it('finds the platform tenant tables', async () => {
    const tables = await tenantTables();
    expect(tables).toEqual(expect.arrayContaining(['memberships', 'invitations', 'audit_log', 'job_runs', 'outbox']));
  });

  it('every tenant table: RLS forced, only the tenant policy, cascade to workspaces, tenant_id-leading index, composite tenant references', async () => {
    const problems = await withSystem('test: rls catalog', (tx) => catalogProblems(tx));
    expect(problems).toEqual([]);
  });

  it('flags a tenant table added by hand without any of it', async () => {
    const problems = await problemsWith([sql`create table rls_canary (id serial primary key, tenant_id uuid not null)`]);
    expect(problems).toEqual(
      expect.arrayContaining([
        'rls_canary: RLS not enabled',
        'rls_canary: RLS not forced',
        expect.stringContaining('rls_canary: no FOR ALL tenant policy'),
        'rls_canary: tenant_id does not reference workspaces',
        'rls_canary: no index leading with tenant_id',
      ]),
    );
  });

  it('flags an extra permissive policy, including one without USING (an INSERT policy)', async () => {
    const problems = await problemsWith([sql`create policy leak on memberships as permissive for insert to app_user with check (true)`]);
    expect(problems).toEqual([expect.stringContaining('memberships: extra permissive policy leak (a to app_user)')]);
  });

  it('flags a tenant_id that does not cascade, and a reference into another tenant table without tenant_id', async () => {
    const problems = await problemsWith([
      sql`create table fk_canary (
            id uuid primary key,
            tenant_id uuid not null references workspaces(id),
            membership_id uuid references memberships(id))`,
      sql`create index fk_canary_tenant_idx on fk_canary (tenant_id)`,
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        'fk_canary: tenant_id → workspaces is not ON DELETE CASCADE',
        expect.stringMatching(/^fk_canary: foreign key \S+ \(membership_id\) → memberships does not include tenant_id/),
      ]),
    );
  });

  it('app_user holds exactly the grants each table declares', async () => {
    // From the ACLs themselves: information_schema hides grants of roles the caller isn't in.
    const rows = await systemQuery<{ table: string; privilege: string }>(sql`
      select c.relname as "table", p.privilege
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      cross join unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']) as p(privilege)
      where n.nspname = 'public' and c.relkind in ('r', 'p') and has_table_privilege('app_user', c.oid, p.privilege)`);
    const declared = new Map(securedTables().map((t) => [t.name, t.grants.map((g) => g.toUpperCase())]));
    for (const [table, privileges] of Object.entries(APP_USER_NON_TENANT_ALLOWED)) declared.set(table, privileges);
    const held = new Map<string, string[]>();
    for (const row of rows) held.set(row.table, [...(held.get(row.table) ?? []), row.privilege]);
    for (const [table, privileges] of declared) expect({ table, privileges: (held.get(table) ?? []).toSorted() }).toEqual({ table, privileges: privileges.toSorted() });
    expect([...held.keys()].filter((table) => !declared.has(table))).toEqual([]);
  });

  it('every tenant table in the database is declared with tenantTable', async () => {
    const declared = new Set(securedTables().map((t) => t.name));
    expect((await tenantTables()).filter((table) => !declared.has(table))).toEqual([]);
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

  it('app_user reads only the public columns of users', async () => {
    const rows = await systemQuery<{ column: string }>(sql`
      select column_name as "column" from information_schema.columns
      where table_schema = 'public' and table_name = 'users'
        and has_column_privilege('app_user', 'public.users', column_name, 'SELECT') order by 1`);
    expect(rows.map((r) => r.column)).toEqual(['email', 'id', 'image', 'name']);
  });
});
