import { securedTables, type SecuredTable } from './schema/tenant-table';
import './schema';

// The tenant itself: app_user sees and renames its own workspace row, nothing more.
const PLATFORM_SECURED: SecuredTable[] = [{ name: 'workspaces', grants: ['select', 'update'] }];

/** Every table db/schema declares as secured, platform ones included. */
export function declaredTables(): SecuredTable[] {
  return [...PLATFORM_SECURED, ...securedTables()];
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The statements that put every declared table under forced row-level security with exactly the
 * app_user grants its declaration names. Generated from db/schema (tenantTable), so no table is
 * secured by SQL written by hand, and run after every migration (idempotent), so a new table is
 * covered the moment it exists. drizzle-kit emits ENABLE RLS and the policies itself.
 */
export function tenantSecurityStatements(tables: SecuredTable[] = declaredTables()): string[] {
  return tables
    .toSorted((a, b) => a.name.localeCompare(b.name))
    .flatMap(({ name, grants }) => [
      `ALTER TABLE ${ident(name)} FORCE ROW LEVEL SECURITY`,
      ...(grants.length ? [`GRANT ${grants.map((g) => g.toUpperCase()).join(', ')} ON ${ident(name)} TO app_user`] : []),
    ]);
}
