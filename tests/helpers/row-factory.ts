import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/db/tenant';
import { rowsOf } from '@/db/rows';
import { columnsOf, type ColumnInfo } from './tenant-tables';

export type TenantFixture = { tenantId: string; userId: string };

/**
 * Per-table values a generic row can't guess (check constraints, formats). Add an entry when a
 * new table's constraint rejects the generic row; the matrix test names the table that failed.
 */
export const columnOverrides: Record<string, Record<string, () => unknown>> = {
  api_keys: { scopes: () => '{journal:read}' },
  webhook_endpoints: { event_types: () => '{member.joined}', url: () => 'https://hooks.example.com/tessera' },
  workspace_restores: { source: () => 'upload' },
  bots: { status: () => 'inactive', exchange: () => 'paper', strategy: () => 'dca_ladder' },
  bot_pairs: { side: () => 'long' },
  bot_deals: { status: () => 'open', side: () => 'long' },
  bot_orders: { side: () => 'buy', type: () => 'market', status: () => 'open' },
  bot_trades: { action: () => 'OPENED' },
  bot_run_logs: { status: () => 'succeeded' },
  bot_backtests: { status: () => 'queued', strategy: () => 'dca_ladder' },
  money_accounts: { type: () => 'checking', currency: () => 'USD' },
  money_import_batches: { status: () => 'completed', format: () => 'csv' },
  money_transactions: { status: () => 'cleared', reconciliation: () => 'unreconciled', currency: () => 'USD' },
  money_categories: { kind: () => 'expense' },
  money_tags: { namespace: () => 'occasion' },
  money_imports: { status: () => 'uploaded' },
  money_rules: { match: () => 'all', conditions: () => '[]', actions: () => '[]' },
  money_merchant_aliases: { kind: () => 'contains' },
  money_budgets: { period: () => 'monthly', bucket: () => 'groceries', currency: () => 'USD', thresholds: () => '{80,100}' },
  money_recurring_patterns: { decision: () => 'confirmed', status: () => 'active' },
  money_dashboards: { date_range: () => 'month_to_date' },
  money_dashboard_widgets: { width: () => 'half' },
};

function scalarFor(column: ColumnInfo): unknown {
  if (column.enumFirst) return column.enumFirst;
  if (column.udt.startsWith('_')) return '{}';
  switch (column.udt) {
    case 'uuid':
      return randomUUID();
    case 'text':
    case 'varchar':
    case 'citext':
      return `matrix-${randomUUID().slice(0, 8)}`;
    case 'bpchar':
      return 'X'.repeat(column.maxLength ?? 1);
    case 'int2':
    case 'int4':
    case 'int8':
    case 'numeric':
    case 'float4':
    case 'float8':
      return 1;
    case 'bool':
      return false;
    case 'timestamptz':
    case 'timestamp':
    case 'date':
      return new Date().toISOString();
    case 'json':
    case 'jsonb':
      return '{}';
    case 'bytea':
      return '\\x00';
    case 'inet':
      return '127.0.0.1';
    default:
      throw new Error(`row factory: no generic value for type ${column.udt} (column ${column.name})`);
  }
}

/**
 * Inserts one valid row into `table` for the tenant set on `tx`, creating the tenant-table rows it
 * references first. Returns the row's ctid-independent identity: the inserted row as JSON.
 */
export async function insertGenericRow(tx: Tx, table: string, fixture: TenantFixture): Promise<Record<string, unknown>> {
  const { names, values } = await genericValues(tx, table, fixture);
  const result = await tx.execute(
    sql`insert into ${sql.identifier(table)} (${sql.join(names, sql`, `)}) values (${sql.join(values, sql`, `)}) returning *`,
  );
  return rowsOf<Record<string, unknown>>(result)[0]!;
}

/**
 * The same row without RETURNING: RETURNING makes Postgres check the SELECT policy too, which
 * would hide a permissive INSERT policy. This is the form that proves an INSERT is refused.
 */
export async function insertGenericRowBlind(tx: Tx, table: string, fixture: TenantFixture): Promise<void> {
  const { names, values } = await genericValues(tx, table, fixture);
  await tx.execute(sql`insert into ${sql.identifier(table)} (${sql.join(names, sql`, `)}) values (${sql.join(values, sql`, `)})`);
}

async function genericValues(tx: Tx, table: string, fixture: TenantFixture): Promise<{ names: SQL[]; values: SQL[] }> {
  const columns = await columnsOf(table, tx);
  const names: SQL[] = [];
  const values: SQL[] = [];
  for (const column of columns) {
    let value: unknown;
    const override = columnOverrides[table]?.[column.name];
    if (override) value = override();
    else if (column.name === 'tenant_id') value = fixture.tenantId;
    else if (column.refTable === 'workspaces') value = fixture.tenantId;
    else if (column.refTable === 'users') value = fixture.userId;
    else if (column.nullable || column.hasDefault) continue;
    else if (column.refTable && column.refColumn) {
      const parent = await insertGenericRow(tx, column.refTable, fixture);
      value = parent[column.refColumn];
    } else value = scalarFor(column);
    names.push(sql`${sql.identifier(column.name)}`);
    values.push(sql`${value}`);
  }
  return { names, values };
}
