import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moneyImports, moneyTransactions } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { importMappingWizard, mapUploadedImport, claimImportForReading, commitUploadedImport, createUploadedImport, importUploadTarget, readQueuedImport, rollbackUploadedImport, type MoneyImport } from '@/lib/money/import/uploads';
import { LocalFileStorage } from '@/lib/storage/local';
import { bankFixtureBytes } from '../../../helpers/shared-fixtures';
import { household, meta } from '../transactions/support';

// An upload's life on its money_imports row: read into a stored preview, committed, rolled back;
// a file that can't go into the account fails with its reason; another workspace's key is refused.

let directory: string;
let store: LocalFileStorage;
beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'tessera-money-import-'));
  store = new LocalFileStorage(directory, 'http://localhost:3000');
});
afterAll(() => rm(directory, { recursive: true, force: true }));

/** Records the upload, then does what the money-import-read workflow does. */
async function uploadAndRead(ctx: Parameters<typeof withTenant>[0], input: { accountId: string; key: string; fileName: string }): Promise<MoneyImport> {
  const uploaded = await withTenant(ctx, (tx) => createUploadedImport(tx, ctx, input, meta, store));
  expect(uploaded).toMatchObject({ status: 'uploaded', progress: 0 });
  expect(await withTenant(ctx, (tx) => claimImportForReading(tx, uploaded.id))).toBe(true);
  return (await withTenant(ctx, (tx) => readQueuedImport(tx, uploaded.id, store)))!;
}

describe('uploaded imports', () => {
  it('reads an upload into its preview, commits it, then rolls it back', async () => {
    const { ctx, checking } = await household();
    const bytes = bankFixtureBytes('bofa_bank_anon.csv');
    const { key } = await importUploadTarget(ctx, bytes.byteLength, store);
    await store.put(key, bytes);

    const ready = await uploadAndRead(ctx, { accountId: checking.id, key, fileName: 'bofa.csv' });
    expect(ready).toMatchObject({ status: 'ready', progress: 100, sizeBytes: bytes.byteLength, error: null });
    expect(ready.summary).toMatchObject({ format: 'csv', preset: 'bofa_checking', counts: { rows: 346, new: 346 }, balance: { matches: true, statedMinor: '7375429' } });
    expect(ready.previewRows).toHaveLength(100);

    const committed = await withTenant(ctx, (tx) => commitUploadedImport(tx, ctx, ready.id, { skipProblemRows: false }, meta, store));
    expect(committed.added).toBe(346);
    const [after] = await withTenant(ctx, (tx) => tx.select().from(moneyImports).where(eq(moneyImports.id, ready.id)));
    expect(after).toMatchObject({ status: 'completed', batchId: committed.batchId });
    await expect(withTenant(ctx, (tx) => commitUploadedImport(tx, ctx, ready.id, {}, meta, store))).rejects.toMatchObject({ code: 'conflict' });

    expect(await withTenant(ctx, (tx) => rollbackUploadedImport(tx, ctx, ready.id, meta))).toMatchObject({ removed: 346 });
    const [rolled] = await withTenant(ctx, (tx) => tx.select().from(moneyImports).where(eq(moneyImports.id, ready.id)));
    expect(rolled!.status).toBe('rolled_back');
    expect(await withTenant(ctx, (tx) => tx.select().from(moneyTransactions))).toHaveLength(0);
  });

  it('marks a file in another currency failed with the reason, and refuses a key of another workspace', async () => {
    const { ctx } = await household();
    const euro = await withTenant(ctx, async (tx) => {
      const { createAccount } = await import('@/lib/money/accounts');
      return createAccount(tx, ctx, { name: 'Euro', type: 'checking', currency: 'EUR' }, meta);
    });
    const bytes = bankFixtureBytes('test_quicken_import.sample_qfx.qfx');
    const { key } = await importUploadTarget(ctx, bytes.byteLength, store);
    await store.put(key, bytes);
    const failed = await uploadAndRead(ctx, { accountId: euro.id, key, fileName: 'sample.qfx' });
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/USD/);

    const other = await household();
    await expect(withTenant(other.ctx, (tx) => createUploadedImport(tx, other.ctx, { accountId: other.checking.id, key, fileName: 'x.csv' }, meta, store))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('holds an unknown CSV for the wizard, reads it with the mapping, and reads the next file of that layout with the saved format', async () => {
    const { ctx } = await household();
    const euro = await withTenant(ctx, async (tx) => {
      const { createAccount } = await import('@/lib/money/accounts');
      return createAccount(tx, ctx, { name: 'Girokonto', type: 'checking', currency: 'EUR' }, meta);
    });
    const bytes = bankFixtureBytes('csv2ofx_gls_de_latin1_semicolon.csv');
    const upload = async () => {
      const { key } = await importUploadTarget(ctx, bytes.byteLength, store);
      await store.put(key, bytes);
      return uploadAndRead(ctx, { accountId: euro.id, key, fileName: 'gls.csv' });
    };
    const waiting = await upload();
    expect(waiting.status).toBe('needs_mapping');
    const wizard = await withTenant(ctx, (tx) => importMappingWizard(tx, waiting.id, store));
    expect(wizard.suggestion.mapping).not.toBeNull();
    expect(wizard.sample.length).toBeGreaterThan(1);

    const mapped = await withTenant(ctx, (tx) => mapUploadedImport(tx, ctx, waiting.id, { mapping: wizard.suggestion.mapping, saveAs: 'GLS Girokonto' }, store));
    expect(mapped.status).toBe('ready');
    const rows = (mapped.summary as { counts: { rows: number } }).counts.rows;
    expect(rows).toBeGreaterThan(0);
    await withTenant(ctx, (tx) => commitUploadedImport(tx, ctx, mapped.id, {}, meta, store));

    const again = await upload();
    expect(again.status).toBe('ready');
    expect(again.summary).toMatchObject({ counts: { rows, duplicate: rows, new: 0 } });
    expect((again.summary as { notes: string[] }).notes[0]).toBe('Read with your saved format “GLS Girokonto”.');

    await expect(withTenant(ctx, (tx) => mapUploadedImport(tx, ctx, again.id, { mapping: { delimiter: ';' } }, store))).rejects.toThrow();
  });
});
