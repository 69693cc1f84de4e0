import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantTable } from './tenant-table';
import { users } from './users';

// Money (lib/money/rules, lib/money/import): what turns a bank's rows into a household's
// ledger — category rules, merchant aliases, and the CSV mappings saved as import formats. The
// shapes of conditions, actions and mappings are validated by lib/money (zod) before they land.

const at = (name: string) => timestamp(name, { withTimezone: true });

/** A category rule: conditions → actions, higher priority first, then the oldest. */
export const moneyRules = tenantTable(
  'money_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    priority: integer('priority').notNull().default(0),
    match: text('match').notNull().default('all'),
    conditions: jsonb('conditions').notNull(),
    actions: jsonb('actions').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    matchCount: integer('match_count').notNull().default(0),
    lastMatchedAt: at('last_matched_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('money_rules_priority_idx').on(t.tenantId, t.priority),
    check('money_rules_match', sql`${t.match} in ('all', 'any')`),
  ],
);

/** A raw payee pattern → a clean merchant name, applied before the rules. */
export const moneyMerchantAliases = tenantTable(
  'money_merchant_aliases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pattern: text('pattern').notNull(),
    kind: text('kind').notNull().default('contains'),
    merchant: text('merchant').notNull(),
    priority: integer('priority').notNull().default(0),
    matchCount: integer('match_count').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('money_merchant_aliases_pattern_idx').on(t.tenantId, t.kind, t.pattern),
    check('money_merchant_aliases_kind', sql`${t.kind} in ('exact', 'contains', 'regex')`),
  ],
);

/**
 * A CSV mapping the workspace saved from the wizard, recognised next time by its header
 * signature (a hash of the sorted, lower-cased headers, as the reference has it).
 */
export const moneyImportFormats = tenantTable(
  'money_import_formats',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    headerSignature: text('header_signature').notNull(),
    mapping: jsonb('mapping').notNull(),
    useCount: integer('use_count').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('money_import_formats_name_idx').on(t.tenantId, t.name),
    index('money_import_formats_signature_idx').on(t.tenantId, t.headerSignature),
  ],
);
