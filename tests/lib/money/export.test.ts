import { describe, expect, it } from 'vitest';
import { withTenant } from '@/db/tenant';
import { createAccount } from '@/lib/money/accounts';
import { commitImport } from '@/lib/money/import/commit-import';
import { requestWorkspaceExport } from '@/lib/privacy/export';
import { writeWorkspaceExport } from '@/lib/privacy/export-writer';
import { storage } from '@/lib/storage';
import { readExport } from '../../helpers/export-zip';
import { useTempStorage } from '../privacy/support';
import { createWorkspaceWithOwner, meta } from '../tenancy/support';

// Issue 12: a workspace export holds the household's accounts, imports and transactions, with a
// formula in a payee written as text (escaping happens where a spreadsheet would read it: CSV).

function rows(entries: Map<string, Buffer>, table: string): Record<string, unknown>[] {
  const file = entries.get(`tables/${table}.ndjson`);
  if (!file) throw new Error(`tables/${table}.ndjson is not in the export`);
  return file
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('money in the workspace export', () => {
  it('has the accounts, the import batches and the transactions, amounts as minor units', async () => {
    useTempStorage();
    const { ownerCtx: ctx } = await createWorkspaceWithOwner();
    const csv = 'Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\nDEBIT,03/01/2026,"=HYPERLINK(""http://x"",""y"")",-12.34,DEBIT_CARD,,\n';
    const account = await withTenant(ctx, async (tx) => {
      const created = await createAccount(tx, ctx, { name: 'Joint checking', type: 'checking', currency: 'USD' }, meta);
      await commitImport(tx, ctx, { accountId: created.id, fileName: 'chase.csv', bytes: new TextEncoder().encode(csv) }, meta);
      return created;
    });

    const requested = await withTenant(ctx, (tx) => requestWorkspaceExport(tx, ctx, meta));
    const written = await writeWorkspaceExport(ctx, requested.id);
    const { entries } = await readExport(storage(), written.storageKey);

    expect(rows(entries, 'money_accounts')).toEqual([expect.objectContaining({ id: account.id, name: 'Joint checking', currency: 'USD' })]);
    expect(rows(entries, 'money_import_batches')).toEqual([expect.objectContaining({ file_name: 'chase.csv', rows_imported: 1 })]);
    const [transaction] = rows(entries, 'money_transactions');
    expect(transaction).toMatchObject({ account_id: account.id, payee: '=HYPERLINK("http://x","y")', booked_on: '2026-03-01' });
    expect(String(transaction!.amount_minor)).toBe('-1234');
  });
});
