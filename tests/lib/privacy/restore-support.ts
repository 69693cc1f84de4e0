import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { ZipFile } from 'yazl';
import { getDatabase } from '@/db/client';
import { rowsOf } from '@/db/rows';
import { withSystem, withTenant, type TenantContext } from '@/db/tenant';
import { requestWorkspaceExport } from '@/lib/privacy/export';
import { writeWorkspaceExport } from '@/lib/privacy/export-writer';
import { markReady } from '@/lib/privacy/export-rows';
import { storage, tenantKey } from '@/lib/storage';
import { readExport, type ReadExport } from '../../helpers/export-zip';
import { meta } from '../tenancy/support';

const tenantPredicate = sql.raw(`tenant_id = (select nullif(current_setting('app.tenant_id', true), ''))::uuid`);

/**
 * Two product-like tenant tables made for the restore tests (products don't exist yet), shaped as
 * tenantTable makes them: RLS forced with the tenant policy, (tenant_id, id) unique, composite
 * references. restore_canary has a self-reference, a money column (bigint minor units), a numeric
 * price, an integer, arrays, json and two user references; restore_canary_lines references it.
 */
export async function createCanaryTables(): Promise<void> {
  const db = await getDatabase();
  await db.execute(sql`
    create table restore_canary (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references workspaces(id) on delete cascade,
      parent_id uuid,
      name text not null,
      amount_minor bigint not null,
      amount_currency char(3) not null,
      price numeric(20, 8),
      qty integer not null default 0,
      tags text[] not null default '{}',
      data jsonb not null default '{}',
      created_by uuid references users(id) on delete set null,
      owner_id uuid not null references users(id),
      created_at timestamptz not null default now(),
      constraint restore_canary_tenant_key unique (tenant_id, id),
      constraint restore_canary_parent_fk foreign key (tenant_id, parent_id) references restore_canary (tenant_id, id)
    )`);
  await db.execute(sql`
    create table restore_canary_lines (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references workspaces(id) on delete cascade,
      item_id uuid not null,
      units bigint not null,
      unit_price numeric(18, 2) not null,
      constraint restore_canary_lines_tenant_key unique (tenant_id, id),
      constraint restore_canary_lines_item_fk foreign key (tenant_id, item_id) references restore_canary (tenant_id, id) on delete cascade
    )`);
  for (const table of ['restore_canary', 'restore_canary_lines']) {
    const t = sql.identifier(table);
    await db.execute(sql`alter table ${t} enable row level security`);
    await db.execute(sql`alter table ${t} force row level security`);
    await db.execute(sql`create policy ${sql.identifier(`${table}_tenant_isolation`)} on ${t} as permissive for all to app_user using (${tenantPredicate}) with check (${tenantPredicate})`);
    await db.execute(sql`grant select, insert, update, delete on ${t} to app_user`);
  }
}

export async function dropCanaryTables(): Promise<void> {
  const db = await getDatabase();
  await db.execute(sql`drop table if exists restore_canary_lines`);
  await db.execute(sql`drop table if exists restore_canary`);
}

/**
 * `items` canary rows (more than one insert batch), each but the first few pointing at another
 * item — often one with a larger id, so the reference comes before its row — and three lines per
 * tenth item. One amount is beyond 2^53.
 */
export async function seedCanary(ctx: TenantContext, ownerId: string, items = 1_200): Promise<void> {
  await withTenant(ctx, async (tx) => {
    await tx.execute(sql`
      insert into restore_canary (tenant_id, name, amount_minor, amount_currency, price, qty, tags, data, created_by, owner_id)
      select ${ctx.tenantId}::uuid, 'item-' || lpad(g::text, 5, '0'),
             case when g = 1 then 9007199254740993 else g * 101 end, 'EUR',
             case when g % 7 = 0 then null else (g * 1.00000001)::numeric(20, 8) end,
             g % 13, array['t' || (g % 3), 'x'], jsonb_build_object('g', g, 'even', g % 2 = 0),
             ${ownerId}::uuid, ${ownerId}::uuid
      from generate_series(1, ${items}) g`);
    await tx.execute(sql`
      update restore_canary c set parent_id = p.id
      from restore_canary p
      where c.tenant_id = ${ctx.tenantId}::uuid and p.tenant_id = c.tenant_id
        and substr(c.name, 6)::int > 3
        and p.name = 'item-' || lpad(((substr(c.name, 6)::int * 37) % ${items} + 1)::text, 5, '0')
        and p.id <> c.id`);
    await tx.execute(sql`
      insert into restore_canary_lines (tenant_id, item_id, units, unit_price)
      select c.tenant_id, c.id, k * 3, (k * 2.5)::numeric(18, 2)
      from restore_canary c cross join generate_series(1, 3) k
      where c.tenant_id = ${ctx.tenantId}::uuid and substr(c.name, 6)::int % 10 = 0`);
  });
}

export async function exportOf(ctx: TenantContext): Promise<{ storageKey: string; read: ReadExport; exportId: string }> {
  const row = await withTenant(ctx, (tx) => requestWorkspaceExport(tx, ctx, meta));
  const written = await writeWorkspaceExport(ctx, row.id);
  await withTenant(ctx, (tx) =>
    markReady(tx, row.id, { storageKey: written.storageKey, bytes: BigInt(written.bytes), sha256: written.sha256, expiresAt: new Date(Date.now() + 86_400_000), finishedAt: new Date() }),
  );
  return { storageKey: written.storageKey, read: await readExport(storage(), written.storageKey), exportId: row.id };
}

/** A zip built from entries (to tamper with an export: change a file, drop one, keep the rest). */
export async function zipOf(entries: Map<string, Buffer>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, bytes] of entries) zip.addBuffer(bytes, name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Puts bytes where an owner's upload would land, and returns the key. */
export async function uploaded(tenantId: string, bytes: Buffer): Promise<string> {
  const key = tenantKey(tenantId, 'uploads', `restore-${randomUUID()}.zip`);
  await storage().put(key, bytes, { contentType: 'application/zip' });
  return key;
}

/** What a failed restore must leave behind for a restoring user: nothing at all. */
export async function tracesOf(userId: string): Promise<{ workspaces: number; memberships: number; audit: number; canary: number }> {
  const [row] = await withSystem('test: restore traces', async (tx) =>
    rowsOf<{ workspaces: number; memberships: number; audit: number; canary: number }>(
      await tx.execute(sql`
        select (select count(*)::int from workspaces where created_by = ${userId}::uuid) as workspaces,
               (select count(*)::int from memberships where user_id = ${userId}::uuid) as memberships,
               (select count(*)::int from audit_log where actor_user_id = ${userId}::uuid) as audit,
               (select count(*)::int from restore_canary where owner_id = ${userId}::uuid) as canary`),
    ),
  );
  return row!;
}
