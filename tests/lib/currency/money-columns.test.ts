import { sql } from 'drizzle-orm';
import { getTableConfig, integer, pgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/rows';
import { withSystem } from '@/db/tenant';
import { users, workspaces } from '@/db/schema';
import { money as moneyColumns } from '@/db/schema/money';
import { MAX_MINOR, MIN_MINOR, money, moneyValues, readMoney } from '@/lib/currency';

// A throwaway table (temp, dropped at commit) declared with the helper, as a product table would be.
const probe = pgTable('money_probe', { id: integer('id').primaryKey(), ...moneyColumns('amount'), ...moneyColumns('unitPrice') });

const columnTypes = (table: Parameters<typeof getTableConfig>[0]) =>
  Object.fromEntries(getTableConfig(table).columns.map((c) => [c.name, `${c.getSQLType()}${c.notNull ? ' not null' : ''}`]));

describe('money() and currencyColumn()', () => {
  it('declares bigint minor units and a char(3) currency, snake_cased', () => {
    expect(columnTypes(probe)).toEqual({
      id: 'integer not null',
      amount_minor: 'bigint not null',
      amount_currency: 'char(3) not null',
      unit_price_minor: 'bigint not null',
      unit_price_currency: 'char(3) not null',
    });
  });

  it('gives users.currency and workspaces.currency one type', () => {
    expect(columnTypes(users).currency).toBe('char(3) not null');
    expect(columnTypes(workspaces).currency).toBe('char(3) not null');
  });

  it('migrated users.currency and workspaces.currency to the same column type', async () => {
    const rows = await withSystem('test: currency column types', async (tx) =>
      tx.execute(sql`select table_name, data_type, character_maximum_length as length from information_schema.columns
        where table_schema = 'public' and column_name = 'currency' and table_name in ('users', 'workspaces') order by table_name`),
    );
    expect(rowsOf<{ table_name: string; data_type: string; length: number }>(rows).map((r) => [r.table_name, r.data_type, Number(r.length)])).toEqual([
      ['users', 'character', 3],
      ['workspaces', 'character', 3],
    ]);
  });

  it('round-trips int8 extremes as bigint through the database', async () => {
    const rows = await withSystem('test: money column round trip', async (tx) => {
      await tx.execute(
        sql.raw(
          'create temp table money_probe (id integer primary key, amount_minor bigint not null, amount_currency char(3) not null, unit_price_minor bigint not null, unit_price_currency char(3) not null) on commit drop',
        ),
      );
      await tx.insert(probe).values([
        { id: 1, ...moneyValues('amount', money(MAX_MINOR, 'USD')), ...moneyValues('unitPrice', money(1n, 'KWD')) },
        { id: 2, ...moneyValues('amount', money(MIN_MINOR, 'JPY')), ...moneyValues('unitPrice', money(-1234n, 'EUR')) },
      ]);
      return { rows: await tx.select().from(probe).orderBy(probe.id) };
    });
    expect(rows.rows.map((row) => [readMoney(row, 'amount'), readMoney(row, 'unitPrice')])).toEqual([
      [money(MAX_MINOR, 'USD'), money(1n, 'KWD')],
      [money(MIN_MINOR, 'JPY'), money(-1234n, 'EUR')],
    ]);
    expect(typeof rows.rows[0]!.amountMinor).toBe('bigint');
  });
});
