import { asc, count, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { moneyAccounts, moneyImportBatches, moneyTransactions, MONEY_ACCOUNT_TYPES } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { checkLimit } from '@/lib/billing/gates';
import { currencyCodeSchema, parseMoney } from '@/lib/currency';
import { AppError } from '@/lib/errors/app-error';
import { ensureAccountTag, ensureMoneyDefaults } from '@/lib/money/defaults';
import type { RequestMeta } from '@/lib/tenancy/request-meta';

export const accountInputSchema = z
  .object({
    name: z.string().trim().min(1, 'Name the account.').max(80, 'At most 80 characters.'),
    institution: z.string().trim().max(80, 'At most 80 characters.').optional(),
    type: z.enum(MONEY_ACCOUNT_TYPES, { error: 'Pick the kind of account.' }),
    currency: currencyCodeSchema,
    openingBalance: z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'A number such as 1250.00 or -300.').optional(),
    openingOn: z.iso.date({ error: 'A date such as 2026-01-31.' }).optional(),
    externalId: z.string().trim().max(64).optional(),
    creditLimit: z.string().trim().regex(/^\d+(\.\d+)?$/, 'A number such as 5000.').optional(),
    dueDay: z.coerce.number().int().min(1, 'A day from 1 to 28.').max(28, 'A day from 1 to 28.').optional(),
  })
  .strict();

export type AccountInput = z.input<typeof accountInputSchema>;
export type MoneyAccount = typeof moneyAccounts.$inferSelect;

export async function createAccount(tx: Tx, ctx: TenantContext, raw: unknown, meta: RequestMeta): Promise<MoneyAccount> {
  const input = accountInputSchema.parse(raw);
  const [open] = await tx.select({ n: count() }).from(moneyAccounts).where(isNull(moneyAccounts.archivedAt));
  await checkLimit(tx, ctx.tenantId, 'money.bank_accounts', open?.n ?? 0);
  const [row] = await tx
    .insert(moneyAccounts)
    .values({
      tenantId: ctx.tenantId,
      name: input.name,
      institution: input.institution ?? null,
      type: input.type,
      currency: input.currency,
      openingBalanceMinor: input.openingBalance ? parseMoney(input.openingBalance, input.currency) : 0n,
      openingOn: input.openingOn ?? null,
      externalId: input.externalId ?? null,
      creditLimitMinor: input.creditLimit && input.type === 'credit_card' ? parseMoney(input.creditLimit, input.currency) : null,
      dueDay: input.type === 'credit_card' ? (input.dueDay ?? null) : null,
      createdBy: ctx.userId,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new AppError('conflict', `There is already an account named “${input.name}”.`, { fields: { name: ['Pick another name.'] } });
  // The first account is the household's first use: its buckets and categories, and the account's tag.
  await ensureMoneyDefaults(tx, ctx.tenantId);
  await ensureAccountTag(tx, ctx.tenantId, row);
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.account_created', actorUserId: ctx.userId, targetType: 'money_account', targetId: row.id, metadata: { name: row.name, type: row.type }, ...meta });
  return row;
}

export async function getAccount(tx: Tx, accountId: string): Promise<MoneyAccount> {
  const [row] = await tx.select().from(moneyAccounts).where(eq(moneyAccounts.id, accountId));
  if (!row) throw new AppError('not_found', 'That account does not exist.');
  return row;
}

export type AccountWithBalance = MoneyAccount & {
  balanceMinor: bigint;
  /** Credit cards: limit + balance (the balance is negative while money is owed). */
  availableCreditMinor: bigint | null;
  /** Credit cards with a due day: the next such day on or after `today` (YYYY-MM-DD). */
  nextDueOn: string | null;
  /** The latest standing import's stated closing balance, when it disagrees with what was computed. */
  mismatch: { statedMinor: bigint; computedMinor: bigint; on: string | null } | null;
};

/** The next `dueDay` of the month on or after `today`. */
export function nextDueDate(dueDay: number, today: string): string {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const [year, month] = d <= dueDay ? [y, m] : m === 12 ? [y + 1, 1] : [y, m + 1];
  return `${year}-${String(month).padStart(2, '0')}-${String(dueDay).padStart(2, '0')}`;
}

/** Every account with its balance: opening balance plus its cleared (non-pending) transactions; three queries in all. */
export async function listAccountsWithBalances(tx: Tx, options: { today: string; includeArchived?: boolean }): Promise<AccountWithBalance[]> {
  const [accounts, totals, latest] = await Promise.all([
    tx.select().from(moneyAccounts).where(options.includeArchived ? undefined : isNull(moneyAccounts.archivedAt)).orderBy(asc(moneyAccounts.name)),
    tx
      .select({ accountId: moneyTransactions.accountId, total: sql<string>`sum(${moneyTransactions.amountMinor})::text` })
      .from(moneyTransactions)
      .where(ne(moneyTransactions.status, 'pending'))
      .groupBy(moneyTransactions.accountId),
    tx
      .selectDistinctOn([moneyImportBatches.accountId], {
        accountId: moneyImportBatches.accountId,
        statedMinor: moneyImportBatches.statedClosingMinor,
        computedMinor: moneyImportBatches.computedClosingMinor,
        on: moneyImportBatches.statedClosingOn,
      })
      .from(moneyImportBatches)
      .where(ne(moneyImportBatches.status, 'rolled_back'))
      .orderBy(moneyImportBatches.accountId, desc(moneyImportBatches.createdAt)),
  ]);
  const totalOf = new Map(totals.map((t) => [t.accountId, BigInt(t.total)]));
  const batchOf = new Map(latest.map((b) => [b.accountId, b]));
  return accounts.map((account) => {
    const balanceMinor = account.openingBalanceMinor + (totalOf.get(account.id) ?? 0n);
    const batch = batchOf.get(account.id);
    const mismatch =
      batch && batch.statedMinor !== null && batch.computedMinor !== null && batch.statedMinor !== batch.computedMinor
        ? { statedMinor: batch.statedMinor, computedMinor: batch.computedMinor, on: batch.on }
        : null;
    return {
      ...account,
      balanceMinor,
      availableCreditMinor: account.type === 'credit_card' && account.creditLimitMinor !== null ? account.creditLimitMinor + balanceMinor : null,
      nextDueOn: account.type === 'credit_card' && account.dueDay ? nextDueDate(account.dueDay, options.today) : null,
      mismatch,
    };
  });
}
