import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { moneyTransactions } from '@/db/schema';
import { withSystem, withTenant, type TenantContext } from '@/db/tenant';
import { filterToJson, isEmptyFilter, moneyFilterSchema, postgresRegex, type MoneyFilterInput } from '@/lib/money/filters/filter-schema';
import { filterWhere } from '@/lib/money/filters/filter-sql';
import { listTransactions, transactionTotals } from '@/lib/money/transactions/list-transactions';
import { household, seedRows } from './support';

// Every filter field against real rows, through listTransactions (newest first, cursor paging)
// and transactionTotals. Each test has its own workspace, so the lists are exactly its rows.

const TODAY = '2026-03-31';

async function payees(ctx: TenantContext, input: MoneyFilterInput): Promise<string[]> {
  const filter = moneyFilterSchema.parse(input);
  const page = await withTenant(ctx, (tx) => listTransactions(tx, { filter, today: TODAY, limit: 100 }));
  return page.rows.map((r) => r.payee);
}

async function ledger() {
  const h = await household({ accounts: ['Checking', 'Card'] });
  const card = h.accounts[1]!;
  await seedRows(h.ctx, [
    { accountId: h.checking.id, bookedOn: '2026-03-31', amountMinor: 250_000n, payee: 'ACME PAYROLL', bucket: 'income', categoryId: h.category('Salary') },
    { accountId: h.checking.id, bookedOn: '2026-03-20', amountMinor: -4_599n, payee: 'WHOLE FOODS MKT #10234', merchant: 'Whole Foods', bucket: 'groceries', categoryId: h.category('Groceries'), tags: ['party'] },
    { accountId: card.id, bookedOn: '2026-03-15', amountMinor: -1_250n, payee: 'SQ *BLUE BOTTLE', memo: 'oat latte', bucket: 'dining', tags: ['work', 'party'] },
    { accountId: card.id, bookedOn: '2026-03-02', amountMinor: 1_250n, payee: 'REFUND BLUE BOTTLE', notes: 'spilled coffee', reconciliation: 'matched' },
    { accountId: h.checking.id, bookedOn: '2026-02-27', amountMinor: -50_000n, payee: 'TRANSFER TO CARD', isTransfer: true, status: 'pending' },
    { accountId: h.checking.id, bookedOn: '2026-01-10', amountMinor: -9_900n, payee: 'Amazon Marketplace', merchant: 'Amazon', categoryId: h.category('Shopping'), tags: ['gift'] },
  ]);
  return { ...h, card };
}

describe('filters over the ledger', () => {
  it('lists newest first and narrows by date range, relative or absolute', async () => {
    const { ctx } = await ledger();
    expect(await payees(ctx, {})).toEqual(['ACME PAYROLL', 'WHOLE FOODS MKT #10234', 'SQ *BLUE BOTTLE', 'REFUND BLUE BOTTLE', 'TRANSFER TO CARD', 'Amazon Marketplace']);
    // The last 30 days end today, today included: 2026-03-02 … 2026-03-31.
    expect(await payees(ctx, { dateRange: { kind: 'relative', lastDays: 30 } })).toEqual(['ACME PAYROLL', 'WHOLE FOODS MKT #10234', 'SQ *BLUE BOTTLE', 'REFUND BLUE BOTTLE']);
    expect(await payees(ctx, { dateRange: { kind: 'relative', lastDays: 1 } })).toEqual(['ACME PAYROLL']);
    expect(await payees(ctx, { dateRange: { kind: 'absolute', from: '2026-02-27', to: '2026-03-15' } })).toEqual(['SQ *BLUE BOTTLE', 'REFUND BLUE BOTTLE', 'TRANSFER TO CARD']);
    expect(await payees(ctx, { dateRange: { kind: 'absolute', to: '2026-02-27' } })).toEqual(['TRANSFER TO CARD', 'Amazon Marketplace']);
  });

  it('narrows by accounts, categories (and uncategorised), buckets, tags and merchants', async () => {
    const { ctx, card, category } = await ledger();
    expect(await payees(ctx, { accounts: [card.id] })).toEqual(['SQ *BLUE BOTTLE', 'REFUND BLUE BOTTLE']);
    expect(await payees(ctx, { excludeAccounts: [card.id] })).toHaveLength(4);
    expect(await payees(ctx, { categories: [category('Groceries'), category('Shopping')] })).toEqual(['WHOLE FOODS MKT #10234', 'Amazon Marketplace']);
    expect(await payees(ctx, { categories: ['none'] })).toEqual(['SQ *BLUE BOTTLE', 'REFUND BLUE BOTTLE', 'TRANSFER TO CARD']);
    expect(await payees(ctx, { categories: ['none', category('Salary')] })).toEqual(['ACME PAYROLL', 'SQ *BLUE BOTTLE', 'REFUND BLUE BOTTLE', 'TRANSFER TO CARD']);
    expect(await payees(ctx, { buckets: ['bucket:Dining', 'groceries'] })).toEqual(['WHOLE FOODS MKT #10234', 'SQ *BLUE BOTTLE']);
    expect(await payees(ctx, { tags: ['party'] })).toEqual(['WHOLE FOODS MKT #10234', 'SQ *BLUE BOTTLE']);
    expect(await payees(ctx, { tags: ['party', 'gift'], excludeTags: ['work'] })).toEqual(['WHOLE FOODS MKT #10234', 'Amazon Marketplace']);
    // The merchant, or the payee where there is none, case-insensitively.
    expect(await payees(ctx, { merchants: ['whole foods', 'refund blue bottle'] })).toEqual(['WHOLE FOODS MKT #10234', 'REFUND BLUE BOTTLE']);
  });

  it('narrows by amount (signed or absolute), reconciliation, status and transfers', async () => {
    const { ctx } = await ledger();
    expect(await payees(ctx, { amountMin: '-5000', amountMax: -1 })).toEqual(['WHOLE FOODS MKT #10234', 'SQ *BLUE BOTTLE']);
    expect(await payees(ctx, { amountMin: 1250, amountMax: 1250, amountAbsolute: true })).toEqual(['SQ *BLUE BOTTLE', 'REFUND BLUE BOTTLE']);
    expect(await payees(ctx, { amountMin: 100_000n })).toEqual(['ACME PAYROLL']);
    expect(await payees(ctx, { reconciliation: ['matched'] })).toEqual(['REFUND BLUE BOTTLE']);
    expect(await payees(ctx, { status: ['pending'] })).toEqual(['TRANSFER TO CARD']);
    expect(await payees(ctx, { transfers: 'only' })).toEqual(['TRANSFER TO CARD']);
    expect(await payees(ctx, { transfers: 'exclude' })).toHaveLength(5);
  });

  it('searches payee, memo and notes by full text; substring and regex also look at the merchant', async () => {
    const { ctx } = await ledger();
    expect(await payees(ctx, { text: { value: 'bottle' } })).toEqual(['SQ *BLUE BOTTLE', 'REFUND BLUE BOTTLE']);
    expect(await payees(ctx, { text: { value: 'latte' } })).toEqual(['SQ *BLUE BOTTLE']);
    expect(await payees(ctx, { text: { value: 'coffee' } })).toEqual(['REFUND BLUE BOTTLE']);
    expect(await payees(ctx, { text: { value: 'blue -refund' } })).toEqual(['SQ *BLUE BOTTLE']);
    expect(await payees(ctx, { text: { mode: 'substring', value: 'FOODS' } })).toEqual(['WHOLE FOODS MKT #10234']);
    expect(await payees(ctx, { text: { mode: 'substring', value: '100%_' } })).toEqual([]);
    expect(await payees(ctx, { text: { mode: 'substring', value: 'amazon' } })).toEqual(['Amazon Marketplace']);
    expect(await payees(ctx, { text: { mode: 'regex', value: '^(acme|amazon)' } })).toEqual(['ACME PAYROLL', 'Amazon Marketplace']);
    expect(await payees(ctx, { text: { mode: 'regex', value: '#\\d{5}$' } })).toEqual(['WHOLE FOODS MKT #10234']);
    // JavaScript's word boundary (a backspace to Postgres) means a word boundary here too.
    expect(await payees(ctx, { text: { mode: 'regex', value: '\\bbottle\\b' } })).toEqual(['SQ *BLUE BOTTLE', 'REFUND BLUE BOTTLE']);
    expect(await payees(ctx, { text: { mode: 'regex', value: 'bott\\b' } })).toEqual([]);
    expect(await payees(ctx, { text: { mode: 'regex', value: '(?<=refund )blue' } })).toEqual(['REFUND BLUE BOTTLE']);
  });

  it('full-text search can use the GIN index (the filter repeats its expression exactly)', async () => {
    const where = filterWhere(moneyFilterSchema.parse({ text: { value: 'bottle' } }), { today: TODAY });
    // Without the tenant's own condition (withSystem), the search index is the only one that fits:
    // the planner picks it only when the filter's expression is the index's, character for character.
    const plan = await withSystem('test: explain the search', async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const query = tx.select({ id: moneyTransactions.id }).from(moneyTransactions).where(where).toSQL();
      const inlined = query.sql.replace(/\$(\d+)/g, (_m, n: string) => `'${String(query.params[Number(n) - 1]).replace(/'/g, "''")}'`);
      const result = (await tx.execute(sql.raw(`explain ${inlined}`))) as unknown;
      // postgres-js answers with the rows, PGlite with { rows }.
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[];
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toContain('money_transactions_search_idx');
  });

  it('combines fields with AND', async () => {
    const { ctx, card } = await ledger();
    expect(await payees(ctx, { accounts: [card.id], tags: ['party'], text: { value: 'blue' }, dateRange: { kind: 'relative', lastDays: 30 } })).toEqual(['SQ *BLUE BOTTLE']);
    expect(await payees(ctx, { accounts: [card.id], buckets: ['groceries'] })).toEqual([]);
  });

  it('pages with a cursor through rows sharing a day without skipping or repeating', async () => {
    const h = await household();
    await seedRows(
      h.ctx,
      Array.from({ length: 7 }, (_, i) => ({ accountId: h.checking.id, bookedOn: i < 5 ? '2026-03-10' : '2026-03-09', amountMinor: BigInt(-100 - i), payee: `P${i}` })),
    );
    const seen: string[] = [];
    let cursor: { b: string; i: string } | undefined;
    let pages = 0;
    for (;;) {
      const page = await withTenant(h.ctx, (tx) => listTransactions(tx, { filter: {}, today: TODAY, limit: 3, cursor }));
      seen.push(...page.rows.map((r) => r.payee));
      pages++;
      if (!page.next) break;
      cursor = page.next;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(5).sort()).toEqual(['P5', 'P6']);
  });

  it('totals money in and out per currency, and counts split lines on each row', async () => {
    const { ctx } = await ledger();
    const totals = await withTenant(ctx, (tx) => transactionTotals(tx, moneyFilterSchema.parse({ transfers: 'exclude' }), TODAY));
    expect(totals).toEqual([{ currency: 'USD', count: 5, inMinor: 251_250n, outMinor: -15_749n }]);
    const page = await withTenant(ctx, (tx) => listTransactions(tx, { filter: {}, today: TODAY, limit: 1 }));
    expect(page.rows[0]).toMatchObject({ payee: 'ACME PAYROLL', splitCount: 0 });
  });
});

describe('the filter schema', () => {
  it('refuses bad ranges and regexes, and round-trips through JSON', () => {
    expect(moneyFilterSchema.safeParse({ amountMin: 10, amountMax: 5 }).success).toBe(false);
    expect(moneyFilterSchema.safeParse({ dateRange: { kind: 'absolute', from: '2026-03-02', to: '2026-03-01' } }).success).toBe(false);
    expect(moneyFilterSchema.safeParse({ dateRange: { kind: 'relative', lastDays: 0 } }).success).toBe(false);
    expect(moneyFilterSchema.safeParse({ text: { mode: 'regex', value: '(a+)+' } }).success).toBe(false);
    expect(moneyFilterSchema.safeParse({ text: { mode: 'regex', value: '[' } }).success).toBe(false);
    // Valid JavaScript Postgres cannot run: refused as a field error, not a failed query.
    for (const value of ['(?<word>blue)', '\\p{L}+', '\\u{41}', '(?<w>a)\\k<w>']) {
      const parsed = moneyFilterSchema.safeParse({ text: { mode: 'regex', value } });
      expect(parsed.success, value).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['text', 'value']);
    }
    expect(postgresRegex('\\bcafe\\B[\\b]\\\\b')).toBe('\\ycafe\\Y[\\b]\\\\b');
    expect(moneyFilterSchema.safeParse({ tags: ['bucket:groceries'] }).success).toBe(false);
    const filter = moneyFilterSchema.parse({ amountMin: -5000n, tags: ['Summer 2026'], dateRange: { kind: 'relative', lastDays: '7' } });
    expect(filterToJson(filter)).toEqual({ amountMin: '-5000', tags: ['summer-2026'], dateRange: { kind: 'relative', lastDays: 7 } });
    expect(moneyFilterSchema.parse(filterToJson(filter))).toEqual(filter);
    expect(isEmptyFilter(moneyFilterSchema.parse({ tags: [] }))).toBe(true);
    expect(isEmptyFilter(filter)).toBe(false);
    // An id that is not a uuid is refused before any SQL runs.
    expect(moneyFilterSchema.safeParse({ accounts: ['not-an-id'] }).success).toBe(false);
  });

  it('an unknown account id lists nothing rather than failing', async () => {
    const h = await household();
    await seedRows(h.ctx, [{ accountId: h.checking.id, bookedOn: '2026-03-10', amountMinor: -1n, payee: 'X' }]);
    expect(await payees(h.ctx, { accounts: [crypto.randomUUID()] })).toEqual([]);
  });
});
