import { count, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { moneyAccounts, MONEY_ACCOUNT_TYPES } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { checkLimit } from '@/lib/billing/gates';
import { currencyCodeSchema, parseMoney } from '@/lib/currency';
import { AppError } from '@/lib/errors/app-error';
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
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.account_created', actorUserId: ctx.userId, targetType: 'money_account', targetId: row.id, metadata: { name: row.name, type: row.type }, ...meta });
  return row;
}

export async function getAccount(tx: Tx, accountId: string): Promise<MoneyAccount> {
  const [row] = await tx.select().from(moneyAccounts).where(eq(moneyAccounts.id, accountId));
  if (!row) throw new AppError('not_found', 'That account does not exist.');
  return row;
}
