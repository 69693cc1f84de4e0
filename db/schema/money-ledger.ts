import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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

export const MONEY_CATEGORY_KINDS = ['expense', 'income'] as const;

/** A category a household files transactions under (Groceries, Salary). Deleting one uncategorises its transactions first (lib/money/categories). */
export const moneyCategories = tenantTable(
  'money_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull().default('expense'),
    color: text('color'),
    sortOrder: integer('sort_order').notNull().default(0),
    archivedAt: at('archived_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('money_categories_name_idx').on(t.tenantId, t.name),
    check('money_categories_kind', sql`${t.kind} in ('expense', 'income')`),
  ],
);

export const MONEY_TAG_NAMESPACES = ['bucket', 'occasion', 'account'] as const;

/**
 * The reference's namespaced tags: a bucket (exactly one per transaction, held on the transaction
 * as its `bucket`), occasions (any number, its `tags`) and one account tag per account. This
 * table carries what a tag looks like (colour, order, description); transactions carry its name.
 */
export const moneyTags = tenantTable(
  'money_tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    namespace: text('namespace').notNull(),
    name: text('name').notNull(),
    color: text('color'),
    sortOrder: integer('sort_order').notNull().default(0),
    description: text('description'),
    accountId: uuid('account_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    tenantRef(t, t.accountId, moneyAccounts, { onDelete: 'cascade', name: 'money_tags_account_fk' }),
    uniqueIndex('money_tags_name_idx').on(t.tenantId, t.namespace, t.name),
    check('money_tags_namespace', sql`${t.namespace} in ('bucket', 'occasion', 'account')`),
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
    categoryId: uuid('category_id'),
    /** The reference's bucket tag: exactly one, `none` until a rule or a person sets it. */
    bucket: text('bucket').notNull().default('none'),
    /** Occasion tags. */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** Transfers between own accounts are left out of every report, budget and balance figure. */
    isTransfer: boolean('is_transfer').notNull().default(false),
    /** The counterpart of a linked transfer (no FK: unlinking is lib/money/transfers' job on delete). */
    transferId: uuid('transfer_id'),
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
    tenantRef(t, t.categoryId, moneyCategories, { onDelete: 'restrict', name: 'money_transactions_category_fk' }),
    index('money_transactions_booked_idx').on(t.tenantId, t.bookedOn),
    index('money_transactions_account_booked_idx').on(t.tenantId, t.accountId, t.bookedOn),
    index('money_transactions_content_hash_idx').on(t.tenantId, t.contentHash),
    index('money_transactions_global_hash_idx').on(t.tenantId, t.globalHash),
    index('money_transactions_reference_idx').on(t.tenantId, t.accountId, t.reference).where(sql`${t.reference} is not null`),
    index('money_transactions_batch_idx').on(t.tenantId, t.batchId),
    index('money_transactions_search_idx').using('gin', sql`to_tsvector('simple', ${t.payee} || ' ' || coalesce(${t.memo}, '') || ' ' || coalesce(${t.notes}, ''))`),
    check('money_transactions_status', sql`${t.status} in ('pending', 'cleared')`),
    check('money_transactions_reconciliation', sql`${t.reconciliation} in ('unreconciled', 'matched', 'manually_entered', 'ignored')`),
  ],
);

/** A transaction's amount divided over categories; the lines may leave a rest unallocated (shown). */
export const moneyTransactionSplits = tenantTable(
  'money_transaction_splits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    transactionId: uuid('transaction_id').notNull(),
    categoryId: uuid('category_id'),
    bucket: text('bucket').notNull().default('none'),
    amountMinor: minorUnitsColumn('amount_minor').notNull(),
    memo: text('memo'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    tenantRef(t, t.transactionId, moneyTransactions, { onDelete: 'cascade', name: 'money_transaction_splits_transaction_fk' }),
    tenantRef(t, t.categoryId, moneyCategories, { onDelete: 'restrict', name: 'money_transaction_splits_category_fk' }),
    index('money_transaction_splits_transaction_idx').on(t.tenantId, t.transactionId),
  ],
);

export const MONEY_IMPORT_STATES = ['uploaded', 'reading', 'ready', 'committing', 'completed', 'partial', 'failed', 'rolled_back'] as const;

/**
 * One uploaded bank file on its way in: stored first (storage_key), read by the import workflow
 * into a preview (summary, the first rows, problems), committed into a batch on the person's
 * word. Files uploaded together share a group_id, which the reference's batch rule (the same date,
 * amount and bank id across the files of one upload is one transaction) looks at.
 */
export const moneyImports = tenantTable(
  'money_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    groupId: uuid('group_id').notNull(),
    accountId: uuid('account_id').notNull(),
    status: text('status').notNull().default('uploaded'),
    fileName: text('file_name').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    storageKey: text('storage_key').notNull(),
    mapping: jsonb('mapping'),
    options: jsonb('options').$type<{ statementIndex?: number; qifDateOrder?: 'mdy' | 'dmy'; skipProblemRows?: boolean; excludeLines?: number[] }>().notNull().default({}),
    progress: integer('progress').notNull().default(0),
    summary: jsonb('summary'),
    previewRows: jsonb('preview_rows'),
    problems: jsonb('problems').$type<{ line: number; message: string }[]>().notNull().default([]),
    error: text('error'),
    batchId: uuid('batch_id'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
  },
  (t) => [
    tenantRef(t, t.accountId, moneyAccounts, { onDelete: 'cascade', name: 'money_imports_account_fk' }),
    tenantRef(t, t.batchId, moneyImportBatches, { onDelete: 'cascade', name: 'money_imports_batch_fk' }),
    index('money_imports_tenant_created_idx').on(t.tenantId, t.createdAt),
    check('money_imports_status', sql`${t.status} in ('uploaded', 'reading', 'needs_mapping', 'ready', 'committing', 'completed', 'partial', 'failed', 'rolled_back')`),
    check('money_imports_progress', sql`${t.progress} between 0 and 100`),
  ],
);
