import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moneyTags, moneyTransactions, moneyTransactionSplits } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { createAccount } from '@/lib/money/accounts';
import { commitImport } from '@/lib/money/import/commit-import';
import { createRule } from '@/lib/money/rules/rules';
import { checkSplits } from '@/lib/money/transactions/splits';
import { createTransaction, deleteTransaction, getTransactionOrThrow, getTransactions, updateTransaction } from '@/lib/money/transactions/transactions';
import { linkTransfer } from '@/lib/money/transfers/link-transfers';
import { audits, cacheVersion, changedEvents, failure, household, meta, seedRows } from './support';

// Hand-made transactions: add, edit and delete against the real tables, split lines that must
// hold within the total, the bucket and tags, the cache bump and the audit trail.

describe('adding a transaction by hand', () => {
  it('stores it as manually entered with minor units, its bucket and tags, and the two hashes; bumps the cache and audits', async () => {
    const h = await household();
    const before = await cacheVersion(h.ctx);
    const made = await withTenant(h.ctx, (tx) =>
      createTransaction(
        tx,
        h.ctx,
        { accountId: h.checking.id, bookedOn: '2026-03-04', amount: '-12.50', payee: '  Corner Shop ', memo: '', notes: 'milk', bucket: 'Groceries', tags: ['Vacation 2026', 'vacation-2026', 'gift'], categoryId: h.category('Groceries') },
        meta,
      ),
    );
    expect(made).toMatchObject({
      amountMinor: -1_250n,
      currency: 'USD',
      payee: 'Corner Shop',
      memo: null,
      notes: 'milk',
      bucket: 'groceries',
      tags: ['vacation-2026', 'gift'],
      reconciliation: 'manually_entered',
      status: 'cleared',
      categoryId: h.category('Groceries'),
      splits: [],
      unallocatedMinor: null,
    });
    expect(made.contentHash).toMatch(/\S/);
    expect(made.globalHash).toMatch(/\S/);
    expect(await cacheVersion(h.ctx)).toBe(before + 1);
    // The budget check is queued for its day.
    expect(await changedEvents(h.ctx)).toEqual([{ tenantId: h.ctx.tenantId, from: '2026-03-04', to: '2026-03-04' }]);
    const trail = await audits(h.ctx, 'money.transaction_created');
    expect(trail).toEqual([expect.objectContaining({ targetId: made.id, metadata: expect.objectContaining({ amountMinor: '-1250', currency: 'USD' }) })]);
    // The occasion tags it names are listed on the tags page.
    const tags = await withTenant(h.ctx, (tx) => tx.select({ name: moneyTags.name }).from(moneyTags).where(eq(moneyTags.namespace, 'occasion')).orderBy(moneyTags.name));
    expect(tags.map((t) => t.name)).toEqual(['gift', 'vacation-2026']);
  });

  it('defaults to the none bucket, and refuses an amount with too many decimals, a missing payee and another account’s currency, naming the fields', async () => {
    const h = await household();
    const plain = await withTenant(h.ctx, (tx) => createTransaction(tx, h.ctx, { accountId: h.checking.id, bookedOn: '2026-03-04', amount: '+20', payee: 'Refund' }, meta));
    expect(plain).toMatchObject({ bucket: 'none', tags: [], amountMinor: 2_000n });

    const tooPrecise = await failure(withTenant(h.ctx, (tx) => createTransaction(tx, h.ctx, { accountId: h.checking.id, bookedOn: '2026-03-04', amount: '-1.234', payee: 'X' }, meta)));
    expect(tooPrecise.details?.fields).toHaveProperty('amount');
    const many = await failure(withTenant(h.ctx, (tx) => createTransaction(tx, h.ctx, { accountId: h.checking.id, bookedOn: '2026-02-30', amount: 'abc', payee: '' }, meta)));
    expect(Object.keys(many.details?.fields as object).sort()).toEqual(['amount', 'bookedOn', 'payee']);
    const currency = await failure(withTenant(h.ctx, (tx) => createTransaction(tx, h.ctx, { accountId: h.checking.id, bookedOn: '2026-03-04', amount: '-1', payee: 'X', currency: 'EUR' }, meta)));
    expect(currency.details?.fields).toHaveProperty('currency');
    const category = await failure(withTenant(h.ctx, (tx) => createTransaction(tx, h.ctx, { accountId: h.checking.id, bookedOn: '2026-03-04', amount: '-1', payee: 'X', categoryId: crypto.randomUUID() }, meta)));
    expect(category.details?.fields).toHaveProperty('categoryId');
  });

  it('refuses another workspace’s account and category', async () => {
    const h = await household();
    const other = await household();
    const account = await failure(withTenant(h.ctx, (tx) => createTransaction(tx, h.ctx, { accountId: other.checking.id, bookedOn: '2026-03-04', amount: '-1', payee: 'X' }, meta)));
    expect(account.details?.fields).toHaveProperty('accountId');
    const category = await failure(
      withTenant(h.ctx, (tx) => createTransaction(tx, h.ctx, { accountId: h.checking.id, bookedOn: '2026-03-04', amount: '-1', payee: 'X', categoryId: other.category('Groceries') }, meta)),
    );
    expect(category.details?.fields).toHaveProperty('categoryId');
  });
});

describe('split lines', () => {
  it('divides a transaction over categories; the lines must add up to it and point the same way', async () => {
    const h = await household();
    const made = await withTenant(h.ctx, (tx) =>
      createTransaction(
        tx,
        h.ctx,
        {
          accountId: h.checking.id,
          bookedOn: '2026-03-05',
          amount: '-100.00',
          payee: 'Supermarket',
          splits: [
            { categoryId: h.category('Groceries'), bucket: 'groceries', amount: '-60' },
            { categoryId: h.category('Shopping'), amount: '-40.00', memo: 'socks' },
          ],
        },
        meta,
      ),
    );
    expect(made.splits.map((s) => [s.position, s.amountMinor, s.categoryId, s.bucket, s.memo])).toEqual([
      [0, -6_000n, h.category('Groceries'), 'groceries', null],
      [1, -4_000n, h.category('Shopping'), 'none', 'socks'],
    ]);
    expect(made.unallocatedMinor).toBe(0n);

    const create = (amount: string, splits: { amount: string }[]) =>
      failure(withTenant(h.ctx, (tx) => createTransaction(tx, h.ctx, { accountId: h.checking.id, bookedOn: '2026-03-05', amount, payee: 'X', splits }, meta)));
    expect((await create('-10', [{ amount: '-6' }, { amount: '-5' }])).details?.fields).toEqual({ splits: ['The split lines add up to more than the transaction.'] });
    expect((await create('-10', [{ amount: '-6' }, { amount: '-3.99' }])).details?.fields).toEqual({
      splits: ['The split lines must add up to the transaction’s amount: part of it is not allocated yet.'],
    });
    expect(Object.keys((await create('-10', [{ amount: '-12' }, { amount: '2' }])).details?.fields as object)).toEqual(['splits.1.amount']);
    expect(Object.keys((await create('-10', [{ amount: '-10' }, { amount: '0' }])).details?.fields as object)).toEqual(['splits.1.amount']);

    // A new amount needs new lines that add up to it; [] removes the lines.
    const shrink = await failure(withTenant(h.ctx, (tx) => updateTransaction(tx, h.ctx, made.id, { amount: '-50' }, meta)));
    expect(shrink.details?.fields).toHaveProperty('splits');
    const resplit = await withTenant(h.ctx, (tx) => updateTransaction(tx, h.ctx, made.id, { amount: '-50', splits: [{ amount: '-20' }, { amount: '-20' }, { amount: '-10', bucket: 'dining' }] }, meta));
    expect(resplit.transaction.splits.map((s) => [s.amountMinor, s.bucket])).toEqual([
      [-2_000n, 'none'],
      [-2_000n, 'none'],
      [-1_000n, 'dining'],
    ]);
    const cleared = await withTenant(h.ctx, (tx) => updateTransaction(tx, h.ctx, made.id, { splits: [] }, meta));
    expect(cleared.transaction).toMatchObject({ splits: [], unallocatedMinor: null, amountMinor: -5_000n });
    const left = await withTenant(h.ctx, (tx) => tx.select().from(moneyTransactionSplits).where(eq(moneyTransactionSplits.transactionId, made.id)));
    expect(left).toHaveLength(0);
  });

  it('still reads and edits a row split partially before the lines had to add up, showing the unallocated rest', async () => {
    const h = await household();
    const [row] = await seedRows(h.ctx, [{ accountId: h.checking.id, bookedOn: '2026-03-05', amountMinor: -4_500n, payee: 'OLD SPLIT' }]);
    await withTenant(h.ctx, (tx) => tx.insert(moneyTransactionSplits).values({ tenantId: h.ctx.tenantId, transactionId: row!.id, amountMinor: -3_000n, position: 0 }));
    expect((await withTenant(h.ctx, (tx) => getTransactionOrThrow(tx, row!.id))).unallocatedMinor).toBe(-1_500n);
    const edited = await withTenant(h.ctx, (tx) => updateTransaction(tx, h.ctx, row!.id, { notes: 'from the old app' }, meta));
    expect(edited.transaction).toMatchObject({ notes: 'from the old app', unallocatedMinor: -1_500n });
  });

  it('checkSplits: exact, partial, over, zero lines and a zero total', () => {
    expect(checkSplits(-1_000n, [{ amountMinor: -400n }, { amountMinor: -600n }])).toEqual({ allocatedMinor: -1_000n, unallocatedMinor: 0n, errors: {} });
    expect(checkSplits(500n, [{ amountMinor: 200n }])).toMatchObject({ unallocatedMinor: 300n, errors: { splits: [expect.stringContaining('must add up')] } });
    expect(checkSplits(500n, [{ amountMinor: 600n }]).errors).toEqual({ splits: ['The split lines add up to more than the transaction.'] });
    expect(checkSplits(-1_000n, [{ amountMinor: 0n }]).errors).toEqual({ 'splits.0.amount': ['A split line needs an amount.'] });
    expect(checkSplits(0n, [{ amountMinor: 5n }]).errors).toEqual({ 'splits.0.amount': ['A transaction of zero cannot be split.'] });
    expect(checkSplits(-1_000n, [])).toEqual({ allocatedMinor: 0n, unallocatedMinor: -1_000n, errors: {} });
  });
});

describe('editing a transaction', () => {
  it('changes only what is sent, recomputes the hashes when the date moves, and bumps the cache', async () => {
    const h = await household();
    const made = await withTenant(h.ctx, (tx) =>
      createTransaction(tx, h.ctx, { accountId: h.checking.id, bookedOn: '2026-03-04', amount: '-12.50', payee: 'Corner Shop', notes: 'milk', tags: ['gift'] }, meta),
    );
    const before = await cacheVersion(h.ctx);
    const { transaction, suggestion } = await withTenant(h.ctx, (tx) => updateTransaction(tx, h.ctx, made.id, { bookedOn: '2026-03-06', notes: '', bucket: 'dining', status: 'pending' }, meta));
    expect(transaction).toMatchObject({ bookedOn: '2026-03-06', notes: null, bucket: 'dining', status: 'pending', payee: 'Corner Shop', amountMinor: -1_250n, tags: ['gift'], reconciliation: 'manually_entered' });
    expect(transaction.contentHash).not.toBe(made.contentHash);
    expect(suggestion).toBeNull();
    expect(await cacheVersion(h.ctx)).toBe(before + 1);
    // Both the day it left and the day it moved to are checked.
    expect((await changedEvents(h.ctx)).at(-1)).toEqual({ tenantId: h.ctx.tenantId, from: '2026-03-04', to: '2026-03-06' });
  });

  // lib/audit/actions.ts has no money.transaction_updated action yet (outside this lib's files).
  it.todo('audits an edit as money.transaction_updated');

  it('moves to another account of the same currency, refuses one in another currency without an amount', async () => {
    const h = await household({ accounts: ['Checking', 'Savings'] });
    const euro = await withTenant(h.ctx, (tx) => createAccount(tx, h.ctx, { name: 'Euro', type: 'checking', currency: 'EUR' }, meta));
    const made = await withTenant(h.ctx, (tx) => createTransaction(tx, h.ctx, { accountId: h.checking.id, bookedOn: '2026-03-04', amount: '-5', payee: 'X' }, meta));
    const moved = await withTenant(h.ctx, (tx) => updateTransaction(tx, h.ctx, made.id, { accountId: h.accounts[1]!.id }, meta));
    expect(moved.transaction.accountId).toBe(h.accounts[1]!.id);
    const refused = await failure(withTenant(h.ctx, (tx) => updateTransaction(tx, h.ctx, made.id, { accountId: euro.id }, meta)));
    expect(refused.details?.fields).toHaveProperty('accountId');
    const inEuro = await withTenant(h.ctx, (tx) => updateTransaction(tx, h.ctx, made.id, { accountId: euro.id, amount: '-4.60' }, meta));
    expect(inEuro.transaction).toMatchObject({ accountId: euro.id, currency: 'EUR', amountMinor: -460n });
  });

  it('suggests a rule after a hand recategorisation, and none when a rule already files it there', async () => {
    const h = await household();
    const [row, ...others] = await seedRows(h.ctx, [
      { accountId: h.checking.id, bookedOn: '2026-03-10', amountMinor: -450n, payee: 'BLUE BOTTLE COFFEE #12' },
      { accountId: h.checking.id, bookedOn: '2026-03-03', amountMinor: -520n, payee: 'BLUE BOTTLE COFFEE #40' },
      { accountId: h.checking.id, bookedOn: '2026-02-20', amountMinor: -480n, payee: 'BLUE BOTTLE COFFEE #12' },
    ]);
    expect(others).toHaveLength(2);
    const { transaction, suggestion } = await withTenant(h.ctx, (tx) => updateTransaction(tx, h.ctx, row!.id, { categoryId: h.category('Eating out') }, meta));
    expect(transaction.categoryId).toBe(h.category('Eating out'));
    expect(suggestion).not.toBeNull();
    expect(suggestion!.rule.actions).toContainEqual({ type: 'set_category', categoryId: h.category('Eating out') });
    expect(suggestion!.matches).toBeGreaterThanOrEqual(2);

    await withTenant(h.ctx, (tx) =>
      createRule(tx, h.ctx, { name: 'Coffee', conditions: [{ field: 'payee', op: 'contains', value: 'blue bottle' }], actions: [{ type: 'set_category', categoryId: h.category('Groceries') }] }, meta),
    );
    const again = await withTenant(h.ctx, (tx) => updateTransaction(tx, h.ctx, others[0]!.id, { categoryId: h.category('Groceries') }, meta));
    expect(again.suggestion).toBeNull();
  });

  it('is not found from another workspace', async () => {
    const h = await household();
    const other = await household();
    const [row] = await seedRows(h.ctx, [{ accountId: h.checking.id, bookedOn: '2026-03-10', amountMinor: -450n, payee: 'X' }]);
    const error = await failure(withTenant(other.ctx, (tx) => updateTransaction(tx, other.ctx, row!.id, { notes: 'mine' }, meta)));
    expect(error.code).toBe('not_found');
    const gone = await failure(withTenant(other.ctx, (tx) => deleteTransaction(tx, other.ctx, row!.id, meta)));
    expect(gone.code).toBe('not_found');
    expect((await withTenant(h.ctx, (tx) => getTransactionOrThrow(tx, row!.id))).notes).toBeNull();
  });
});

describe('deleting a transaction', () => {
  it('removes it with its split lines, frees a linked transfer’s counterpart, bumps the cache and audits', async () => {
    const h = await household({ accounts: ['Checking', 'Savings'] });
    const [out, into] = await seedRows(h.ctx, [
      { accountId: h.checking.id, bookedOn: '2026-03-10', amountMinor: -10_000n, payee: 'TRANSFER TO SAVINGS' },
      { accountId: h.accounts[1]!.id, bookedOn: '2026-03-11', amountMinor: 10_000n, payee: 'TRANSFER FROM CHECKING' },
    ]);
    await withTenant(h.ctx, (tx) => linkTransfer(tx, h.ctx, out!.id, into!.id, meta));
    await withTenant(h.ctx, (tx) => updateTransaction(tx, h.ctx, out!.id, { splits: [{ amount: '-40' }, { amount: '-60' }] }, meta));
    const before = await cacheVersion(h.ctx);
    await withTenant(h.ctx, (tx) => deleteTransaction(tx, h.ctx, out!.id, meta));
    const left = await withTenant(h.ctx, (tx) => getTransactions(tx, [out!.id, into!.id]));
    expect(left.map((r) => [r.id, r.transferId, r.isTransfer])).toEqual([[into!.id, null, false]]);
    const splits = await withTenant(h.ctx, (tx) => tx.select().from(moneyTransactionSplits).where(eq(moneyTransactionSplits.transactionId, out!.id)));
    expect(splits).toHaveLength(0);
    expect(await cacheVersion(h.ctx)).toBe(before + 1);
    expect((await changedEvents(h.ctx)).at(-1)).toEqual({ tenantId: h.ctx.tenantId, from: '2026-03-10', to: '2026-03-10' });
    expect(await audits(h.ctx, 'money.transaction_deleted')).toEqual([
      expect.objectContaining({ targetId: out!.id, metadata: expect.objectContaining({ payee: 'TRANSFER TO SAVINGS', currency: 'USD' }) }),
    ]);
    const rows = await withTenant(h.ctx, (tx) => tx.select({ id: moneyTransactions.id }).from(moneyTransactions).where(eq(moneyTransactions.id, out!.id)));
    expect(rows).toHaveLength(0);
  });
});

describe('editing an imported transaction', () => {
  const CHASE_HEADER = 'Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #';
  const chase = (...rows: string[]) => new TextEncoder().encode([CHASE_HEADER, ...rows].join('\n') + '\n');
  const line = (date: string, description: string, amount: string) => `DEBIT,${date},"${description}",${amount},DEBIT_CARD,,`;

  it('keeps its bank line’s fingerprint, so an overlapping export still recognises it after the payee, date or amount are edited', async () => {
    const h = await household();
    const first = await withTenant(h.ctx, (tx) => commitImport(tx, h.ctx, { accountId: h.checking.id, fileName: 'a.csv', bytes: chase(line('03/02/2026', 'AMZN MKTP US*2K4', '-19.99')) }, meta));
    expect(first.added).toBe(1);
    const [row] = await withTenant(h.ctx, (tx) => tx.select().from(moneyTransactions).where(eq(moneyTransactions.batchId, first.batchId)));
    const edited = await withTenant(h.ctx, (tx) => updateTransaction(tx, h.ctx, row!.id, { payee: 'Amazon', bookedOn: '2026-03-03', amount: '-20.00', splits: [] }, meta));
    expect(edited.transaction).toMatchObject({ payee: 'Amazon', bookedOn: '2026-03-03', amountMinor: -2_000n, contentHash: row!.contentHash, globalHash: row!.globalHash });
    const overlapping = await withTenant(h.ctx, (tx) =>
      commitImport(tx, h.ctx, { accountId: h.checking.id, fileName: 'b.csv', bytes: chase(line('03/02/2026', 'AMZN MKTP US*2K4', '-19.99'), line('03/04/2026', 'GROCER', '-5.00')) }, meta),
    );
    expect(overlapping.added).toBe(1);
    const all = await withTenant(h.ctx, (tx) => tx.select({ payee: moneyTransactions.payee }).from(moneyTransactions).where(eq(moneyTransactions.accountId, h.checking.id)).orderBy(moneyTransactions.bookedOn));
    expect(all.map((r) => r.payee)).toEqual(['Amazon', 'GROCER']);
  });
});
