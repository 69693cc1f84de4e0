import { sql } from 'drizzle-orm';
import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import { describe, expect, it } from 'vitest';
import { getDatabase } from '@/db/client';
import { rowsOf } from '@/db/rows';
import * as schema from '@/db/schema';
import { tenantSecurityStatements } from '@/db/tenant-security';
import type { Tx } from '@/db/tenant';
import { createTenant } from '../helpers/database';
import { catalogProblems } from './catalog-rules';
import { naiveChild, refChild, refParent } from './fixtures/ref-tables';

/** The DDL drizzle-kit writes for the fixture tables on top of the real schema: what a migration would hold. */
async function fixtureDdl(tables: Record<string, unknown>): Promise<string[]> {
  const before = generateDrizzleJson({ ...schema });
  const after = generateDrizzleJson({ ...schema, ...tables }, before.id);
  return generateMigration(before, after);
}

type Scenario = (tx: Tx, as: (tenantId: string) => Promise<void>) => Promise<void>;

/** Creates the fixture tables, runs `scenario`, and rolls everything back. */
async function withFixtureTables(tables: Record<string, unknown>, scenario: Scenario): Promise<void> {
  const ddl = await fixtureDdl(tables);
  const db = await getDatabase();
  const rollback = new Error('rollback');
  await db
    .transaction(async (raw) => {
      const tx = raw as unknown as Tx;
      for (const statement of ddl) await tx.execute(sql.raw(statement));
      const names = Object.values(tables).map((t) => (t as { [k: symbol]: string })[Symbol.for('drizzle:Name')]!);
      const secured = tenantSecurityStatements().filter((s) => names.some((n) => s.includes(`"${n}"`)));
      for (const statement of secured) await tx.execute(sql.raw(statement));
      if (names.includes('ref_naive_child')) await tx.execute(sql.raw('grant select, insert, update, delete on ref_naive_child to app_user'));
      const as = async (tenantId: string) => {
        await tx.execute(sql`select set_config('role', 'app_user', true), set_config('app.tenant_id', ${tenantId}, true)`);
      };
      await scenario(tx, as);
      throw rollback;
    })
    .catch((error: unknown) => {
      if (error !== rollback) throw error;
    });
}

async function refusal(tx: Tx, statement: ReturnType<typeof sql>): Promise<string | null> {
  try {
    await tx.transaction(async (savepoint) => {
      await savepoint.execute(statement);
    });
    return null;
  } catch (error) {
    const e = error as { cause?: { message?: string }; message?: string };
    return e.cause?.message ?? e.message ?? String(error);
  }
}

describe('tenantRef: references between tenant tables stay inside the tenant', () => {
  it('tenantTable gives the parent a (tenant_id, id) key and tenantRef a composite foreign key', async () => {
    const ddl = (await fixtureDdl({ refParent, refChild })).join('\n');
    expect(ddl).toMatch(/CONSTRAINT "ref_parent_tenant_key" UNIQUE\("tenant_id","id"\)/);
    expect(ddl).toMatch(/FOREIGN KEY \("tenant_id","parent_id"\) REFERENCES "public"\."ref_parent"\("tenant_id","id"\) ON DELETE cascade/);
  });

  it("with a plain reference, tenant B can point at tenant A's row and A's delete cascades into B's data", async () => {
    const [a, b] = await Promise.all([createTenant(), createTenant()]);
    await withFixtureTables({ refParent, naiveChild }, async (tx, as) => {
      await as(a.workspace.id);
      const [parent] = rowsOf<{ id: string }>(await tx.execute(sql`insert into ref_parent (tenant_id, name) values (${a.workspace.id}, 'A bot') returning id`));
      await as(b.workspace.id);
      expect(await refusal(tx, sql`insert into ref_naive_child (tenant_id, parent_id) values (${b.workspace.id}, ${parent!.id})`)).toBeNull();
      await as(a.workspace.id);
      await tx.execute(sql`delete from ref_parent where id = ${parent!.id}`);
      await as(b.workspace.id);
      const left = rowsOf(await tx.execute(sql`select 1 from ref_naive_child`));
      expect(left).toHaveLength(0);
      // …and the catalog test names the mistake.
      expect(await catalogProblems(tx)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^ref_naive_child: foreign key \S+ \(parent_id\) → ref_parent does not include tenant_id/)]),
      );
    });
  });

  it("with tenantRef, tenant B cannot point at tenant A's row, and A's delete touches only A's rows", async () => {
    const [a, b] = await Promise.all([createTenant(), createTenant()]);
    await withFixtureTables({ refParent, refChild }, async (tx, as) => {
      await as(a.workspace.id);
      const [parentA] = rowsOf<{ id: string }>(await tx.execute(sql`insert into ref_parent (tenant_id, name) values (${a.workspace.id}, 'A bot') returning id`));
      await tx.execute(sql`insert into ref_child (tenant_id, parent_id) values (${a.workspace.id}, ${parentA!.id})`);
      await as(b.workspace.id);
      const [parentB] = rowsOf<{ id: string }>(await tx.execute(sql`insert into ref_parent (tenant_id, name) values (${b.workspace.id}, 'B bot') returning id`));
      await tx.execute(sql`insert into ref_child (tenant_id, parent_id) values (${b.workspace.id}, ${parentB!.id})`);
      expect(await refusal(tx, sql`insert into ref_child (tenant_id, parent_id) values (${b.workspace.id}, ${parentA!.id})`)).toMatch(/foreign key/i);
      await as(a.workspace.id);
      await tx.execute(sql`delete from ref_parent where id = ${parentA!.id}`);
      expect(rowsOf(await tx.execute(sql`select 1 from ref_child`))).toHaveLength(0);
      await as(b.workspace.id);
      expect(rowsOf(await tx.execute(sql`select 1 from ref_child`))).toHaveLength(1);
      expect((await catalogProblems(tx)).filter((p) => p.startsWith('ref_'))).toEqual([]);
    });
  });
});
