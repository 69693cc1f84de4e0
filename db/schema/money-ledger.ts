import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { currencyColumn, minorUnitsColumn } from './money';
import { tenantRef, tenantTable } from './tenant-table';
import { users } from './users';

// Money (lib/money): a household's accounts, the bank files imported into them, and their
// transactions. Amounts are integer minor units beside their currency (DESIGN.md §6).

const at = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: 'string' });

export const MONEY_ACCOUNT_TYPES = ['checking', 'savings', 'credit_card', 'cash', 'loan', 'investment'] as const;

/**
 * An account the household keeps: its balance is the opening balance plus its transactions.
 * external_id is the account as bank files name it (OFX ACCTID, an IBAN, MT940 :25:), so the
 * next file is matched to it. A credit card has a due day (1–28) and a limit.
 */
export const moneyAccounts = tenantTable(
  'money_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    institution: text('institution'),
    type: text('type').notNull(),
    currency: currencyColumn('currency').notNull(),
    openingBalanceMinor: minorUnitsColumn('opening_balance_minor').notNull().default(sql`0`),
    openingOn: day('opening_on'),
    externalId: text('external_id'),
    creditLimitMinor: minorUnitsColumn('credit_limit_minor'),
    dueDay: integer('due_day'),
    archivedAt: at('archived_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('money_accounts_name_idx').on(t.tenantId, t.name),
    check('money_accounts_type', sql`${t.type} in ('checking', 'savings', 'credit_card', 'cash', 'loan', 'investment')`),
    check('money_accounts_due_day', sql`${t.dueDay} is null or ${t.dueDay} between 1 and 28`),
  ],
);

/**
 * One bank file imported into one account. file_hash (sha256 of the bytes) makes importing the
 * same file twice a no-op while its batch stands; a rolled-back batch stays for the record. The
 * counts, problems and the balance check are what the imports page shows.
 */
export const moneyImportBatches = tenantTable(
  'money_import_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').notNull(),
    status: text('status').notNull(),
    fileName: text('file_name').notNull(),
    fileHash: text('file_hash').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    format: text('format').notNull(),
    preset: text('preset'),
    rowsTotal: integer('rows_total').notNull().default(0),
    rowsImported: integer('rows_imported').notNull().default(0),
    rowsDuplicate: integer('rows_duplicate').notNull().default(0),
    rowsSkipped: integer('rows_skipped').notNull().default(0),
    /** The rows the person accepted to skip: [{ line, message }]. */
    problems: jsonb('problems').$type<{ line: number; message: string }[]>().notNull().default([]),
    notes: jsonb('notes').$type<string[]>().notNull().default([]),
    statedClosingMinor: minorUnitsColumn('stated_closing_minor'),
    statedClosingOn: day('stated_closing_on'),
    computedClosingMinor: minorUnitsColumn('computed_closing_minor'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
    rolledBackAt: at('rolled_back_at'),
    rolledBackBy: uuid('rolled_back_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    tenantRef(t, t.accountId, moneyAccounts, { onDelete: 'cascade', name: 'money_import_batches_account_fk' }),
    uniqueIndex('money_import_batches_file_idx').on(t.tenantId, t.accountId, t.fileHash).where(sql`${t.status} <> 'rolled_back'`),
    index('money_import_batches_tenant_created_idx').on(t.tenantId, t.createdAt),
    check('money_import_batches_status', sql`${t.status} in ('completed', 'partial', 'rolled_back')`),
    check('money_import_batches_format', sql`${t.format} in ('csv', 'ofx', 'qfx', 'qif', 'camt053', 'mt940')`),
  ],
);

/**
 * A transaction on an account. content_hash (date, amount, description, account) and
 * global_hash (the same without the account) are the original app's de-duplication keys;
 * reference is the bank's id where the format has one (OFX FITID).
 */
export const moneyTransactions = tenantTable(
  'money_transactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: uuid('account_id').notNull(),
    batchId: uuid('batch_id'),
    bookedOn: day('booked_on').notNull(),
    valueOn: day('value_on'),
    amountMinor: minorUnitsColumn('amount_minor').notNull(),
    currency: currencyColumn('currency').notNull(),
    payee: text('payee').notNull(),
    merchant: text('merchant'),
    memo: text('memo'),
    notes: text('notes'),
    status: text('status').notNull().default('cleared'),
    reconciliation: text('reconciliation').notNull().default('unreconciled'),
    reference: text('reference'),
    contentHash: text('content_hash').notNull(),
    globalHash: text('global_hash').notNull(),
    /** The line of the bank file it came from (for the batch's report). */
    sourceLine: integer('source_line'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    tenantRef(t, t.accountId, moneyAccounts, { onDelete: 'cascade', name: 'money_transactions_account_fk' }),
    tenantRef(t, t.batchId, moneyImportBatches, { onDelete: 'cascade', name: 'money_transactions_batch_fk' }),
    index('money_transactions_account_booked_idx').on(t.tenantId, t.accountId, t.bookedOn),
    index('money_transactions_content_hash_idx').on(t.tenantId, t.contentHash),
    index('money_transactions_global_hash_idx').on(t.tenantId, t.globalHash),
    index('money_transactions_reference_idx').on(t.tenantId, t.accountId, t.reference).where(sql`${t.reference} is not null`),
    index('money_transactions_batch_idx').on(t.tenantId, t.batchId),
    check('money_transactions_status', sql`${t.status} in ('pending', 'cleared')`),
    check('money_transactions_reconciliation', sql`${t.reconciliation} in ('unreconciled', 'matched', 'manually_entered', 'ignored')`),
  ],
);
