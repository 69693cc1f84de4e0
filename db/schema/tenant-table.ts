import {
  foreignKey,
  pgTable,
  unique,
  uuid,
  type PgColumn,
  type PgColumnBuilderBase,
  type PgTableExtraConfigValue,
} from 'drizzle-orm/pg-core';
import type { BuildExtraConfigColumns } from 'drizzle-orm';
import { tenantIsolationPolicy } from './tenant-columns';
import { workspaces } from './workspaces';

/** What app_user may do on a table. Tenant tables default to all four; append-only tables say less. */
export type AppUserGrant = 'select' | 'insert' | 'update' | 'delete';

export type SecuredTable = { name: string; grants: readonly AppUserGrant[] };

// Every table declared below, so the tenant-security step (db/tenant-security.ts) can FORCE row
// level security and grant exactly what each declares, on every migration, without SQL by hand.
const secured = new Map<string, SecuredTable>();

/** Tables under forced RLS with their app_user grants, as declared in db/schema. */
export function securedTables(): SecuredTable[] {
  return [...secured.values()];
}

/** Declares a non-tenant table that app_user reaches under its own policy (only `workspaces`). */
export function secureTable(name: string, grants: readonly AppUserGrant[]): void {
  secured.set(name, { name, grants });
}

export type TenantTableOptions = {
  /**
   * `optional` only for the platform tables that also hold rows of no workspace (audit account
   * chains, platform workflows, platform events): tenant_id is then nullable, still cascading.
   */
  tenant?: 'required' | 'optional';
  /** What app_user may do; default select, insert, update, delete. */
  grants?: readonly AppUserGrant[];
  /**
   * The column paired with tenant_id in the unique key that composite references point at
   * (default `id`). Optional-tenant tables get no key unless they name one: nothing may point at
   * them, and their hot insert paths (outbox, job runs) shouldn't pay for an unused index.
   */
  key?: string;
};

const optionalTenantColumn = () => uuid('tenant_id').references(() => workspaces.id, { onDelete: 'cascade' });
const requiredTenantColumn = () => optionalTenantColumn().notNull();

type TenantColumn<O> = O extends { tenant: 'optional' } ? ReturnType<typeof optionalTenantColumn> : ReturnType<typeof requiredTenantColumn>;
type TenantColumns<TColumns, O> = TColumns & { tenantId: TenantColumn<O> };

/**
 * A tenant-owned table (DESIGN.md §2): adds `tenant_id` (references workspaces on delete
 * cascade), the isolation policy named after the table, and a unique (tenant_id, id) — which is
 * also the index leading with tenant_id and the target composite references point at. RLS is
 * enabled by the policy; FORCE and the grants come from the tenant-security step.
 */
export function tenantTable<
  TName extends string,
  TColumns extends Record<string, PgColumnBuilderBase>,
  const O extends TenantTableOptions = { tenant: 'required' },
>(
  name: TName,
  columns: TColumns,
  extra?: (t: BuildExtraConfigColumns<TName, TenantColumns<TColumns, O>, 'pg'>) => PgTableExtraConfigValue[],
  options?: O,
) {
  options ??= {} as O;
  if ('tenantId' in columns) throw new Error(`tenantTable(${name}): tenant_id is added by the helper`);
  const key = options.key ?? (options.tenant === 'optional' ? null : 'id');
  if (key !== null && !(key in columns)) throw new Error(`tenantTable(${name}): no column ${key} to pair with tenant_id`);
  secured.set(name, { name, grants: options.grants ?? ['select', 'insert', 'update', 'delete'] });
  const all = { ...columns, tenantId: options.tenant === 'optional' ? optionalTenantColumn() : requiredTenantColumn() } as TenantColumns<TColumns, O>;
  return pgTable(name, all, (t) => {
    const cols = t as unknown as Record<string, PgColumn>;
    const tenantKey = key === null ? [] : [unique(`${name}_tenant_key`).on(cols.tenantId!, cols[key]!)];
    return [...tenantKey, tenantIsolationPolicy(name), ...(extra?.(t) ?? [])];
  });
}

type TenantKeyed = { tenantId: PgColumn; id: PgColumn };

/**
 * A foreign key from one tenant table to another as the composite (tenant_id, x_id) →
 * (tenant_id, id), so a row can only point at a row of its own tenant — and a parent's delete
 * can never cascade into another tenant's rows.
 */
export function tenantRef(
  t: { tenantId: PgColumn },
  column: PgColumn,
  parent: TenantKeyed,
  options: { onDelete?: 'cascade' | 'restrict' | 'no action' | 'set null'; name?: string } = {},
) {
  const reference = foreignKey({
    columns: [t.tenantId, column],
    foreignColumns: [parent.tenantId, parent.id],
    ...(options.name ? { name: options.name } : {}),
  });
  // `set null` would null tenant_id too (it is part of the key): refuse it rather than surprise.
  if (options.onDelete === 'set null') throw new Error('tenantRef: set null would clear tenant_id; use restrict or cascade');
  return reference.onDelete(options.onDelete ?? 'restrict');
}
