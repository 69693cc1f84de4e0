import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moneyImportBatches, moneyTransactions } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { createAccount } from '@/lib/money/accounts';
import { commitImport } from '@/lib/money/import/commit-import';
import { planImport } from '@/lib/money/import/plan-import';
import { rollbackImport } from '@/lib/money/import/rollback-import';
import { bankFixtureBytes } from '../../../helpers/shared-fixtures';
import { createWorkspaceWithOwner, meta, putOnPlan } from '../../api-keys/support';
import { freeWorkspace } from '../../billing/support';

// Preview, commit and rollback against the real tables: de-duplication across overlapping
// exports, idempotent re-imports, refused bad rows, the one-transaction commit.

async function proWorkspace() {
  const { ownerCtx, workspace } = await createWorkspaceWithOwner();
  return { ctx: ownerCtx, workspace };
}

const CHASE_HEADER = 'Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #';
const chase = (...rows: string[]) => new TextEncoder().encode([CHASE_HEADER, ...rows].join('\n') + '\n');
const row = (date: string, description: string, amount: string) => `DEBIT,${date},"${description}",${amount},DEBIT_CARD,,`;

async function household(plan: 'free' | 'pro' = 'pro') {
  const { ctx, workspace } = plan === 'free' ? await freeWorkspace() : await proWorkspace();
  if (plan === 'pro') await putOnPlan(workspace.id, 'pro');
  const checking = await withTenant(ctx, (tx) => createAccount(tx, ctx, { name: 'Checking', type: 'checking', currency: 'USD' }, meta));
  return { ctx, checking };
}

const commit = (ctx: TenantContext, accountId: string, bytes: Uint8Array, extra: Partial<Parameters<typeof commitImport>[2]> = {}) =>
  withTenant(ctx, (tx) => commitImport(tx, ctx, { accountId, fileName: 'statement.csv', bytes, ...extra }, meta));

const transactionsOf = (ctx: TenantContext, accountId: string) =>
  withTenant(ctx, (tx) => tx.select().from(moneyTransactions).where(eq(moneyTransactions.accountId, accountId)));

describe('importing a bank file', () => {
  it('imports the Bank of America export with its preset, checks its balance, and a second import of it adds nothing', async () => {
    const { ctx, checking } = await household();
    const bytes = bankFixtureBytes('bofa_bank_anon.csv');
    const plan = await withTenant(ctx, (tx) => planImport(tx, { accountId: checking.id, fileName: 'bofa.csv', bytes }));
    expect(plan).toMatchObject({ format: 'csv', preset: 'bofa_checking', counts: { rows: 346, new: 346, duplicate: 0, problems: 0 } });
    expect(plan.balance).toMatchObject({ basis: 'file', matches: true, stated: { amountMinor: 7_375_429n } });

    const first = await commit(ctx, checking.id, bytes);
    expect(first).toMatchObject({ added: 346, replayed: false });
    const again = await commit(ctx, checking.id, bytes);
    expect(again).toMatchObject({ batchId: first.batchId, added: 0, replayed: true });
    const rows = await transactionsOf(ctx, checking.id);
    expect(rows).toHaveLength(346);
    expect(rows.reduce((sum, r) => sum + r.amountMinor, 0n)).toBe(7_375_429n - 10_632_158n);
  });

  it('recognises the rows two overlapping exports share, counting identical rows, and flags same-day same-amount rows with other text', async () => {
    const { ctx, checking } = await household();
    const coffee = row('03/02/2026', 'BLUE BOTTLE COFFEE', '-4.50');
    await commit(ctx, checking.id, chase(row('03/01/2026', 'RENT', '-1500.00'), coffee, row('03/03/2026', 'GROCER', '-62.10')));
    const overlapping = chase(coffee, coffee, row('03/03/2026', 'GROCER', '-62.10'), row('03/03/2026', 'PHARMACY', '-62.10'), row('03/04/2026', 'SALARY', '2500.00'));
    const plan = await withTenant(ctx, (tx) => planImport(tx, { accountId: checking.id, fileName: 'b.csv', bytes: overlapping }));
    expect(plan.rows.map((r) => [r.payee, r.verdict])).toEqual([
      ['BLUE BOTTLE COFFEE', 'duplicate'],
      ['BLUE BOTTLE COFFEE', 'possible_duplicate'],
      ['GROCER', 'duplicate'],
      ['PHARMACY', 'possible_duplicate'],
      ['SALARY', 'new'],
    ]);
    // The person recognised line 4 (the second coffee's twin is real; the pharmacy is not a duplicate either).
    const result = await commit(ctx, checking.id, overlapping, { excludeLines: [] });
    expect(result.added).toBe(3);
    expect(await transactionsOf(ctx, checking.id)).toHaveLength(6);
  });

  it('imports the same transaction on another account with a cross-account warning', async () => {
    const { ctx, checking } = await household();
    const savings = await withTenant(ctx, (tx) => createAccount(tx, ctx, { name: 'Savings', type: 'savings', currency: 'USD' }, meta));
    const file = chase(row('03/05/2026', 'TRANSFER TO SAVINGS', '-200.00'));
    await commit(ctx, checking.id, file);
    const plan = await withTenant(ctx, (tx) => planImport(tx, { accountId: savings.id, fileName: 's.csv', bytes: file }));
    expect(plan.rows[0]).toMatchObject({ verdict: 'new', crossAccount: true });
    expect(plan.counts.crossAccount).toBe(1);
  });

  it('treats a FITID the account already holds as a duplicate whatever the text', async () => {
    const { ctx, checking } = await household();
    const qfx = bankFixtureBytes('test_quicken_import.sample_qfx.qfx');
    await commit(ctx, checking.id, qfx, { fileName: 'sample.qfx' });
    const renamed = new TextEncoder().encode(new TextDecoder().decode(qfx).replace(/<NAME>([^<\r\n]+)/g, '<NAME>Renamed $1'));
    const plan = await withTenant(ctx, (tx) => planImport(tx, { accountId: checking.id, fileName: 'renamed.qfx', bytes: renamed }));
    expect(plan.rows.every((r) => r.verdict === 'duplicate' && r.duplicateBy === 'reference')).toBe(true);
  });

  it('commits the good rows of a file with unreadable ones only when the person accepts skipping them, naming their lines', async () => {
    const { ctx, checking } = await household();
    const file = chase(row('03/01/2026', 'GOOD', '-1.00'), row('02/31/2026', 'BAD DATE', '-2.00'), row('03/02/2026', 'BAD AMOUNT', 'abc'));
    await expect(commit(ctx, checking.id, file)).rejects.toMatchObject({ code: 'validation_failed', message: expect.stringContaining('lines 3, 4') });
    expect(await transactionsOf(ctx, checking.id)).toHaveLength(0);
    const result = await commit(ctx, checking.id, file, { skipProblemRows: true });
    expect(result.added).toBe(1);
    const [batch] = await withTenant(ctx, (tx) => tx.select().from(moneyImportBatches).where(eq(moneyImportBatches.id, result.batchId)));
    expect(batch).toMatchObject({ status: 'partial', rowsImported: 1, rowsSkipped: 2 });
    expect(batch!.problems.map((p) => p.line)).toEqual([3, 4]);
  });

  it('writes nothing when the commit fails after its rows were inserted (the quota, checked last)', async () => {
    const { ctx, checking } = await household('free');
    // Free: 500 imported rows a month. 346 fit; the next 346 don't.
    await commit(ctx, checking.id, bankFixtureBytes('bofa_bank_anon.csv'));
    const shifted = chase(...Array.from({ length: 346 }, (_, i) => row('04/01/2026', `SHOP ${i}`, '-1.00')));
    await expect(commit(ctx, checking.id, shifted)).rejects.toMatchObject({ code: 'quota_exceeded' });
    expect(await transactionsOf(ctx, checking.id)).toHaveLength(346);
    const batches = await withTenant(ctx, (tx) => tx.select().from(moneyImportBatches).where(eq(moneyImportBatches.accountId, checking.id)));
    expect(batches).toHaveLength(1);
  });

  it('rolls back exactly one batch, keeps it marked for the record, and lets the file be imported again', async () => {
    const { ctx, checking } = await household();
    const a = await commit(ctx, checking.id, chase(row('03/01/2026', 'A', '-1.00')));
    const b = await commit(ctx, checking.id, chase(row('03/02/2026', 'B', '-2.00'), row('03/03/2026', 'C', '-3.00')));
    expect(await withTenant(ctx, (tx) => rollbackImport(tx, ctx, b.batchId, meta))).toEqual({ removed: 2, transfersUnlinked: 0 });
    expect((await transactionsOf(ctx, checking.id)).map((t) => t.payee)).toEqual(['A']);
    await expect(withTenant(ctx, (tx) => rollbackImport(tx, ctx, b.batchId, meta))).rejects.toMatchObject({ code: 'conflict' });
    const [kept] = await withTenant(ctx, (tx) => tx.select().from(moneyImportBatches).where(eq(moneyImportBatches.id, b.batchId)));
    expect(kept).toMatchObject({ status: 'rolled_back', rolledBackBy: ctx.userId });
    const again = await commit(ctx, checking.id, chase(row('03/02/2026', 'B', '-2.00'), row('03/03/2026', 'C', '-3.00')));
    expect(again).toMatchObject({ added: 2, replayed: false });
    expect(a.batchId).not.toBe(again.batchId);
  });
});
