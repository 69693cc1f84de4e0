import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moneyCategories, moneyImports, moneyMerchantAliases, moneyRules, moneyTransactions } from '@/db/schema';
import { withTenant, type TenantContext } from '@/db/tenant';
import { commitImport } from '@/lib/money/import/commit-import';
import { planImport } from '@/lib/money/import/plan-import';
import type { Action, Condition } from '@/lib/money/rules/rule-schema';
import { household, meta, seedRows } from '../transactions/support';

// Rules at import against the real tables: aliases before rules, the bucket's order (rule,
// the merchant's history, money in, keywords), skip, tags, category, transfer, the match counts
// written at commit, and the de-duplication across the files of one upload.

const CHASE_HEADER = 'Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #';
const chase = (...rows: string[]) => new TextEncoder().encode([CHASE_HEADER, ...rows].join('\n') + '\n');
const row = (date: string, description: string, amount: string) => `DEBIT,${date},"${description}",${amount},DEBIT_CARD,,`;

async function addRule(ctx: TenantContext, name: string, conditions: Condition[], actions: Action[], priority = 0) {
  const [rule] = await withTenant(ctx, (tx) =>
    tx.insert(moneyRules).values({ tenantId: ctx.tenantId, name, priority, match: 'all', conditions, actions, enabled: true }).returning(),
  );
  return rule!;
}

async function addAlias(ctx: TenantContext, pattern: string, merchant: string) {
  const [alias] = await withTenant(ctx, (tx) => tx.insert(moneyMerchantAliases).values({ tenantId: ctx.tenantId, pattern, kind: 'contains', merchant, priority: 0 }).returning());
  return alias!;
}

const contains = (value: string, field: 'payee' | 'merchant' = 'payee'): Condition => ({ field, op: 'contains', value, caseSensitive: false });

describe('rules at import', () => {
  it('applies the alias first, then the rules (category, bucket, tags, merchant, transfer, skip), and shows them in the preview', async () => {
    const { ctx, checking } = await household();
    const [groceries] = await withTenant(ctx, (tx) => tx.select().from(moneyCategories).where(eq(moneyCategories.name, 'Groceries')));
    const alias = await addAlias(ctx, 'WHOLEFDS', 'Whole Foods');
    // The rule looks at the merchant the alias set: aliases run first.
    const food = await addRule(ctx, 'Whole Foods is groceries', [contains('whole foods', 'merchant')], [
      { type: 'set_category', categoryId: groceries!.id },
      { type: 'set_bucket', bucket: 'groceries' },
      { type: 'add_tags', tags: ['weekly-shop'] },
    ]);
    const skip = await addRule(ctx, 'Skip card auth holds', [contains('AUTH HOLD')], [{ type: 'skip' }]);
    const move = await addRule(ctx, 'Savings moves', [contains('ONLINE TRANSFER')], [{ type: 'mark_transfer' }]);
    const file = chase(
      row('03/01/2026', 'WHOLEFDS MKT #123', '-82.40'),
      row('03/02/2026', 'AUTH HOLD GAS STATION', '-1.00'),
      row('03/03/2026', 'ONLINE TRANSFER TO SAV', '-300.00'),
      row('03/04/2026', 'WHOLEFDS MKT #555', '-12.00'),
    );

    const plan = await withTenant(ctx, (tx) => planImport(tx, { accountId: checking.id, fileName: 'march.csv', bytes: file }));
    expect(plan.rows[0]!.rules).toMatchObject({
      merchant: 'Whole Foods',
      aliasId: alias.id,
      categoryId: groceries!.id,
      bucket: 'groceries',
      bucketFrom: 'rule',
      tags: ['weekly-shop'],
      ruleIds: [food.id],
      skip: false,
    });
    expect(plan.rows[1]!.rules).toMatchObject({ skip: true, ruleIds: [skip.id] });
    expect(plan.rows[2]!.rules).toMatchObject({ isTransfer: true, ruleIds: [move.id] });
    expect(plan.counts).toMatchObject({ rows: 4, new: 4, skippedByRule: 1, ruled: 4 });
    expect(plan.ruleNames).toMatchObject({ [food.id]: food.name, [skip.id]: skip.name, [alias.id]: 'WHOLEFDS → Whole Foods' });

    const result = await withTenant(ctx, (tx) => commitImport(tx, ctx, { accountId: checking.id, fileName: 'march.csv', bytes: file }, meta));
    expect(result.added).toBe(3);
    const written = await withTenant(ctx, (tx) => tx.select().from(moneyTransactions).where(eq(moneyTransactions.batchId, result.batchId)));
    const byLine = new Map(written.map((t) => [t.sourceLine, t]));
    expect(byLine.get(2)).toMatchObject({ merchant: 'Whole Foods', categoryId: groceries!.id, bucket: 'groceries', tags: ['weekly-shop'], isTransfer: false });
    expect(byLine.has(3)).toBe(false);
    expect(byLine.get(4)).toMatchObject({ isTransfer: true, transferId: null });

    // Counts are the rows the rules matched in this commit: a skipped row counts for its skip rule.
    const rules = await withTenant(ctx, (tx) => tx.select().from(moneyRules));
    const counts = Object.fromEntries(rules.map((r) => [r.name, r.matchCount]));
    expect(counts).toEqual({ [food.name]: 2, [skip.name]: 1, [move.name]: 1 });
    expect(rules.find((r) => r.id === food.id)!.lastMatchedAt).toBeInstanceOf(Date);
    const [aliasAfter] = await withTenant(ctx, (tx) => tx.select().from(moneyMerchantAliases).where(eq(moneyMerchantAliases.id, alias.id)));
    expect(aliasAfter!.matchCount).toBe(2);
  });

  it('gives a row no rule filed the default bucket: the merchant’s last bucket, then money in → income, then a keyword, else none', async () => {
    const { ctx, checking } = await household();
    await seedRows(ctx, [
      { accountId: checking.id, bookedOn: '2026-01-05', amountMinor: -900n, payee: 'Corner Deli', bucket: 'dining' },
      { accountId: checking.id, bookedOn: '2026-02-05', amountMinor: -950n, payee: 'Corner   deli', bucket: 'groceries' },
    ]);
    const file = chase(
      row('03/01/2026', 'CORNER DELI', '-10.00'),
      row('03/02/2026', 'ACME PAYROLL', '2500.00'),
      row('03/03/2026', 'NETFLIX.COM', '-15.49'),
      row('03/04/2026', 'ZZQX 8812', '-3.00'),
    );
    const plan = await withTenant(ctx, (tx) => planImport(tx, { accountId: checking.id, fileName: 'b.csv', bytes: file }));
    const [deli, pay, netflix, unknown] = plan.rows.map((r) => r.rules);
    expect(deli).toMatchObject({ bucket: 'groceries', bucketFrom: 'history' });
    expect(pay).toMatchObject({ bucket: 'income', bucketFrom: 'income' });
    expect(netflix!.bucketFrom).toBe('keyword');
    expect(netflix!.bucket).not.toBe('none');
    expect(unknown).toMatchObject({ bucket: 'none', bucketFrom: 'none', ruleIds: [], aliasId: null });

    // A rule's bucket wins over the history.
    await addRule(ctx, 'Deli is dining', [contains('deli')], [{ type: 'set_bucket', bucket: 'dining' }]);
    const again = await withTenant(ctx, (tx) => planImport(tx, { accountId: checking.id, fileName: 'b.csv', bytes: file }));
    expect(again.rows[0]!.rules).toMatchObject({ bucket: 'dining', bucketFrom: 'rule' });
  });

  it('drops the category of a rule whose category was deleted, keeping its other actions', async () => {
    const { ctx, checking } = await household();
    const [gone] = await withTenant(ctx, (tx) => tx.insert(moneyCategories).values({ tenantId: ctx.tenantId, name: 'Gone', kind: 'expense' }).returning());
    await addRule(ctx, 'Gym', [contains('GYM')], [{ type: 'set_category', categoryId: gone!.id }, { type: 'add_tags', tags: ['fitness'] }]);
    await withTenant(ctx, (tx) => tx.delete(moneyCategories).where(eq(moneyCategories.id, gone!.id)));
    const file = chase(row('03/01/2026', 'CITY GYM', '-40.00'));
    const result = await withTenant(ctx, (tx) => commitImport(tx, ctx, { accountId: checking.id, fileName: 'gym.csv', bytes: file }, meta));
    const [written] = await withTenant(ctx, (tx) => tx.select().from(moneyTransactions).where(eq(moneyTransactions.batchId, result.batchId)));
    expect(written).toMatchObject({ categoryId: null, tags: ['fitness'] });
  });
});

describe('files uploaded together', () => {
  it('treats the same date, amount and bank id in another file of the group as a duplicate, whichever account it went into', async () => {
    const { ctx, accounts } = await household({ accounts: ['Checking', 'Card'] });
    const [checking, card] = [accounts[0]!, accounts[1]!];
    const groupId = crypto.randomUUID();
    const ofx = (name: string) =>
      new TextEncoder().encode(
        [
          'OFXHEADER:100', 'DATA:OFXSGML', 'VERSION:102', '',
          '<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><ACCTID>1</BANKACCTFROM><BANKTRANLIST>',
          `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260301<TRNAMT>-25.00<FITID>F-1<NAME>${name}</STMTTRN>`,
          `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20260302<TRNAMT>-9.00<FITID>F-2<NAME>${name} 2</STMTTRN>`,
          '</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>',
        ].join('\n'),
      );
    const first = await withTenant(ctx, async (tx) => {
      const committed = await commitImport(tx, ctx, { accountId: checking.id, fileName: 'a.ofx', bytes: ofx('SHOP'), groupId }, meta);
      await tx.insert(moneyImports).values({ tenantId: ctx.tenantId, groupId, accountId: checking.id, status: 'completed', fileName: 'a.ofx', sizeBytes: 1, storageKey: 'k/a', batchId: committed.batchId });
      return committed;
    });
    expect(first.added).toBe(2);
    // The same two bank ids, other text, into the card account: the group says they were imported.
    const plan = await withTenant(ctx, (tx) => planImport(tx, { accountId: card.id, fileName: 'b.ofx', bytes: ofx('STORE'), groupId }));
    expect(plan.rows.map((r) => [r.verdict, r.duplicateBy])).toEqual([
      ['duplicate', 'batch'],
      ['duplicate', 'batch'],
    ]);
    // Outside the group the same file is new.
    const alone = await withTenant(ctx, (tx) => planImport(tx, { accountId: card.id, fileName: 'b.ofx', bytes: ofx('STORE') }));
    expect(alone.counts.new).toBe(2);
  });
});
