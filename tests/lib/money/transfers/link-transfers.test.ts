import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, moneySettings, moneyTransactions } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { commitImport } from '@/lib/money/import/commit-import';
import { rollbackImport } from '@/lib/money/import/rollback-import';
import { linkTransfer, unlinkTransfer } from '@/lib/money/transfers/link-transfers';
import { household, meta, seedRows } from '../transactions/support';

// Transfers on the ledger: paired after a commit (opposite amounts, other account, within 3
// days), unlinked on the other side when a batch is rolled back, and linked or unlinked by hand.

const CHASE_HEADER = 'Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #';
const chase = (...rows: string[]) => new TextEncoder().encode([CHASE_HEADER, ...rows].join('\n') + '\n');
const row = (date: string, description: string, amount: string) => `DEBIT,${date},"${description}",${amount},DEBIT_CARD,,`;

const commit = (ctx: TenantContext, accountId: string, bytes: Uint8Array) => withTenant(ctx, (tx) => commitImport(tx, ctx, { accountId, fileName: 'f.csv', bytes }, meta));
const byId = async (ctx: TenantContext, id: string) => (await withTenant(ctx, (tx) => tx.select().from(moneyTransactions).where(eq(moneyTransactions.id, id))))[0]!;
const ofBatch = (ctx: TenantContext, batchId: string) => withTenant(ctx, (tx) => tx.select().from(moneyTransactions).where(eq(moneyTransactions.batchId, batchId)));
const cacheVersion = async (ctx: TenantContext) => (await withTenant(ctx, (tx) => tx.select().from(moneySettings)))[0]?.cacheVersion ?? 0;

describe('transfers after an import', () => {
  it('links the batch’s rows to their counterparts on other accounts, and a rollback unlinks exactly those', async () => {
    const { ctx, accounts } = await household({ accounts: ['Checking', 'Savings'] });
    const [checking, savings] = [accounts[0]!, accounts[1]!];
    const out = await commit(ctx, checking.id, chase(row('03/03/2026', 'ONLINE TRANSFER TO SAV', '-300.00'), row('03/04/2026', 'GROCER', '-42.00')));
    expect(out.transfersLinked).toBe(0);
    const [sent] = (await ofBatch(ctx, out.batchId)).filter((t) => t.amountMinor === -30_000n);

    // +300 two days later on savings pairs; +42 a week later is outside the window.
    const into = await commit(ctx, savings.id, chase(row('03/05/2026', 'TRANSFER FROM CHK', '300.00'), row('03/11/2026', 'REFUND', '42.00')));
    expect(into.transfersLinked).toBe(1);
    const received = (await ofBatch(ctx, into.batchId)).find((t) => t.amountMinor === 30_000n)!;
    expect(received).toMatchObject({ isTransfer: true, transferId: sent!.id });
    expect(await byId(ctx, sent!.id)).toMatchObject({ isTransfer: true, transferId: received.id });
    expect((await ofBatch(ctx, into.batchId)).find((t) => t.amountMinor === 4_200n)).toMatchObject({ isTransfer: false, transferId: null });

    const before = await cacheVersion(ctx);
    const undone = await withTenant(ctx, (tx) => rollbackImport(tx, ctx, into.batchId, meta));
    expect(undone).toEqual({ removed: 2, transfersUnlinked: 1 });
    expect(await byId(ctx, sent!.id)).toMatchObject({ isTransfer: false, transferId: null });
    expect(await cacheVersion(ctx)).toBeGreaterThan(before);
  });

  it('leaves a counterpart already linked elsewhere alone and pairs each transaction at most once', async () => {
    const { ctx, accounts } = await household({ accounts: ['Checking', 'Savings', 'Card'] });
    const [checking, savings, card] = [accounts[0]!, accounts[1]!, accounts[2]!];
    const [a, b] = await seedRows(ctx, [
      { accountId: checking.id, bookedOn: '2026-03-01', amountMinor: -5_000n, payee: 'XFER' },
      { accountId: card.id, bookedOn: '2026-03-01', amountMinor: 5_000n, payee: 'PAYMENT' },
    ]);
    await withTenant(ctx, (tx) => linkTransfer(tx, ctx, a!.id, b!.id, meta));
    // Two +50 rows on savings: the checking row is taken, so neither pairs.
    const batch = await commit(ctx, savings.id, chase(row('03/02/2026', 'IN ONE', '50.00'), row('03/02/2026', 'IN TWO', '50.00')));
    expect(batch.transfersLinked).toBe(0);
    expect(await byId(ctx, a!.id)).toMatchObject({ transferId: b!.id });
  });
});

describe('linking by hand', () => {
  it('links two halves both ways (audited), refuses the same account or a half linked elsewhere, and unlinks from either half', async () => {
    const { ctx, accounts } = await household({ accounts: ['Checking', 'Savings'] });
    const [checking, savings] = [accounts[0]!, accounts[1]!];
    const [a, b, c, d] = await seedRows(ctx, [
      { accountId: checking.id, bookedOn: '2026-03-01', amountMinor: -10_000n, payee: 'TO SAVINGS' },
      { accountId: savings.id, bookedOn: '2026-03-06', amountMinor: 9_950n, payee: 'FROM CHECKING (FEE)' },
      { accountId: checking.id, bookedOn: '2026-03-02', amountMinor: 10_000n, payee: 'OTHER' },
      { accountId: savings.id, bookedOn: '2026-03-02', amountMinor: -1n, payee: 'OTHER' },
    ]);
    await expect(withTenant(ctx, (tx) => linkTransfer(tx, ctx, a!.id, c!.id, meta))).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(withTenant(ctx, (tx) => linkTransfer(tx, ctx, a!.id, a!.id, meta))).rejects.toMatchObject({ code: 'validation_failed' });

    expect(await withTenant(ctx, (tx) => linkTransfer(tx, ctx, a!.id, b!.id, meta))).toEqual({ linked: true });
    expect(await withTenant(ctx, (tx) => linkTransfer(tx, ctx, b!.id, a!.id, meta))).toEqual({ linked: false });
    expect(await byId(ctx, a!.id)).toMatchObject({ isTransfer: true, transferId: b!.id });
    expect(await byId(ctx, b!.id)).toMatchObject({ isTransfer: true, transferId: a!.id });
    await expect(withTenant(ctx, (tx) => linkTransfer(tx, ctx, d!.id, a!.id, meta))).rejects.toMatchObject({ code: 'conflict' });

    expect(await withTenant(ctx, (tx) => unlinkTransfer(tx, ctx, b!.id, meta))).toEqual({ unlinked: true });
    expect(await byId(ctx, a!.id)).toMatchObject({ isTransfer: false, transferId: null });
    expect(await byId(ctx, b!.id)).toMatchObject({ isTransfer: false, transferId: null });
    expect(await withTenant(ctx, (tx) => unlinkTransfer(tx, ctx, b!.id, meta))).toEqual({ unlinked: false });
    await expect(withTenant(ctx, (tx) => unlinkTransfer(tx, ctx, crypto.randomUUID(), meta))).rejects.toMatchObject({ code: 'not_found' });

    const audit = await withTenant(ctx, (tx) => tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.tenantId, ctx.tenantId)));
    const actions = audit.map((e) => e.action);
    expect(actions.filter((x) => x === 'money.transfer_linked')).toHaveLength(1);
    expect(actions.filter((x) => x === 'money.transfer_unlinked')).toHaveLength(1);
  });
});
