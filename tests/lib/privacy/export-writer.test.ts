import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import { rowsOf } from '@/db/rows';
import { requestWorkspaceExport } from '@/lib/privacy/export';
import { writeWorkspaceExport } from '@/lib/privacy/export-writer';
import { findExport } from '@/lib/privacy/export-rows';
import { storage } from '@/lib/storage';
import { readExport, type ReadExport } from '../../helpers/export-zip';
import { tenantTables } from '../../helpers/tenant-tables';
import { meta } from '../tenancy/support';
import { seedWorkspace, useTempStorage, type SeededWorkspace } from './support';

let mine: SeededWorkspace;
let theirs: SeededWorkspace;
let exported: ReadExport;
let exportId: string;

beforeAll(async () => {
  useTempStorage();
  mine = await seedWorkspace('Mine');
  theirs = await seedWorkspace('Theirs');
  const row = await withTenant(mine.ownerCtx, (tx) => requestWorkspaceExport(tx, mine.ownerCtx, meta));
  exportId = row.id;
  // A page of 2 rows: every table with more rows than that is read over several transactions.
  const written = await writeWorkspaceExport(mine.ownerCtx, exportId, { batchRows: 2 });
  exported = await readExport(storage(), written.storageKey);
  expect(written.bytes).toBe(exported.zip.length);
  expect(written.sha256).toBe(createHash('sha256').update(exported.zip).digest('hex'));
});

function table(name: string) {
  const entry = exported.manifest.tables.find((t) => t.name === name);
  if (!entry) throw new Error(`${name} is not in the manifest`);
  return entry;
}

// The manifest names the schema the rows were read under: the newest migration.
const lastMigration = () => (JSON.parse(readFileSync('drizzle/meta/_journal.json', 'utf8')) as { entries: { tag: string }[] }).entries.at(-1)!.tag;

describe('workspace export: completeness', () => {
  it('has every tenant table of the catalog, after the workspace itself', async () => {
    const expected = await tenantTables();
    const names = exported.manifest.tables.map((t) => t.name);
    expect(names[0]).toBe('workspaces');
    const missing = expected.filter((name) => !names.includes(name));
    expect(missing, `tenant tables missing from the export: ${missing.join(', ')}`).toEqual([]);
    expect(names.slice(1).sort()).toEqual([...expected].sort());
    for (const name of names) {
      expect(exported.entries.has(`tables/${name}.ndjson`), name).toBe(true);
      expect(exported.entries.has(`tables/${name}.csv`), name).toBe(true);
    }
  });

  it('lists parents before the tables that reference them', () => {
    const names = exported.manifest.tables.map((t) => t.name);
    expect(names.indexOf('webhook_endpoints')).toBeLessThan(names.indexOf('webhook_deliveries'));
    expect(names.indexOf('workspaces')).toBeLessThan(names.indexOf('memberships'));
  });

  it('has a row count equal to the database count for each table', async () => {
    for (const entry of exported.manifest.tables) {
      const [row] = await withTenant(mine.ownerCtx, async (tx) =>
        rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from ${sql.identifier(entry.name)}`)),
      );
      // privacy_exports moved on (running) since, but still one row.
      expect(entry.rows, entry.name).toBe(row!.n);
      expect(exported.ndjson(entry.name), entry.name).toHaveLength(entry.rows);
    }
    expect(table('usage_ledger').rows).toBe(3);
    expect(table('workspaces').rows).toBe(1);
  });

  it('records progress on the export row', async () => {
    const row = await withTenant(mine.ownerCtx, (tx) => findExport(tx, exportId));
    expect(row).toMatchObject({ status: 'running', tablesTotal: exported.manifest.tables.length, tablesDone: exported.manifest.tables.length });
    expect(row!.rowsDone).toBe(BigInt(exported.manifest.tables.reduce((n, t) => n + t.rows, 0)));
  });
});

describe('workspace export: secrets', () => {
  it('never contains an API key hash, an invitation token hash or a sealed webhook secret', () => {
    const values = [mine.secrets.apiKeyHash, mine.secrets.invitationTokenHash, mine.secrets.sealed, mine.secrets.webhookSecret];
    for (const [name, bytes] of exported.entries) {
      const text = bytes.toString('utf8');
      for (const value of values) expect(text.includes(value), `${name} contains a secret`).toBe(false);
    }
    const raw = exported.zip.toString('latin1');
    for (const value of values) expect(raw.includes(value)).toBe(false);
  });

  it('names the excluded columns and keeps the audit chain hashes', () => {
    expect(table('api_keys').excluded).toEqual(['hash']);
    expect(table('invitations').excluded).toEqual(['token_hash']);
    expect(table('webhook_endpoints').excluded).toEqual(['secret_sealed']);
    expect(table('api_keys').columns.map((c) => c.name)).not.toContain('hash');
    const audit = exported.ndjson('audit_log');
    expect(audit.length).toBeGreaterThan(0);
    expect(audit[0]).toHaveProperty('hash');
    expect(audit[0]).toHaveProperty('prev_hash');
  });
});

describe('workspace export: contents', () => {
  it('writes the manifest header', () => {
    const { manifest } = exported;
    expect(manifest).toMatchObject({ format: 'tessera-export', version: 1, kind: 'workspace', schema: lastMigration() });
    expect(manifest.workspace).toEqual({ id: mine.tenantId, name: 'Mine', slug: mine.workspace.slug });
    expect(manifest.exportedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(exported.entries.get('README.md')!.toString('utf8')).toContain('sha256');
    expect(table('usage_ledger').columns).toContainEqual({ name: 'amount', type: 'bigint' });
    expect(table('usage_ledger').files).toEqual({ ndjson: 'tables/usage_ledger.ndjson', csv: 'tables/usage_ledger.csv' });
  });

  it('encodes bigint as strings, dates and timestamps in UTC, arrays as arrays', () => {
    const ledger = exported.ndjson('usage_ledger');
    expect(ledger.map((r) => r.amount)).toEqual(['9007199254740993', '7', '35']);
    expect(ledger[0]).toMatchObject({ tenant_id: mine.tenantId, metric: 'api.requests', period: '2026-11-01', operation_id: 'op-1' });
    expect(typeof ledger[0]!.id).toBe('string');
    expect(ledger[0]!.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+00:00$/);
    const [endpoint] = exported.ndjson('webhook_endpoints');
    expect(endpoint).toMatchObject({ id: mine.endpoint.id, event_types: ['export.ready', 'member.joined'], enabled: true, version: 1 });
    const [workspace] = exported.ndjson('workspaces');
    expect(workspace).toMatchObject({ id: mine.tenantId, name: 'Mine', slug: mine.workspace.slug });
  });

  it('writes the same rows as CSV with a header', () => {
    const csv = exported.entries.get('tables/usage_ledger.csv')!.toString('utf8').trim().split('\n');
    expect(csv[0]).toBe(table('usage_ledger').columns.map((c) => c.name).join(','));
    expect(csv).toHaveLength(4);
    expect(csv[1]).toContain('9007199254740993');
    expect(csv[1]).toContain('2026-11-01');
    const endpoints = exported.entries.get('tables/webhook_endpoints.csv')!.toString('utf8');
    expect(endpoints).toContain('"[""export.ready"",""member.joined""]"');
  });

  it('has sha256 per file and sums per integer column that match the files', () => {
    for (const entry of exported.manifest.tables) {
      for (const file of [entry.files.ndjson, entry.files.csv]) {
        expect(entry.sha256[file], file).toBe(createHash('sha256').update(exported.entries.get(file)!).digest('hex'));
      }
      const rows = exported.ndjson(entry.name);
      for (const [column, total] of Object.entries(entry.sums)) {
        const sum = rows.reduce((acc, row) => acc + (row[column] === null ? 0n : BigInt(row[column] as string | number)), 0n);
        expect(total, `${entry.name}.${column}`).toBe(sum.toString());
      }
    }
    expect(table('usage_ledger').sums.amount).toBe('9007199254741035');
    expect(Object.keys(table('usage_ledger').sums).sort()).toEqual(['amount', 'id']);
  });

  it('holds nothing of another workspace', () => {
    const foreign = [theirs.tenantId, theirs.workspace.slug, theirs.owner.email, theirs.endpoint.id];
    for (const [name, bytes] of exported.entries) {
      const text = bytes.toString('utf8');
      for (const value of foreign) expect(text.includes(value), `${name} mentions the other workspace (${value})`).toBe(false);
    }
  });
});
