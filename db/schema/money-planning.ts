import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { currencyColumn, minorUnitsColumn } from './money';
import { moneyCategories } from './money-ledger';
import { tenantRef, tenantTable } from './tenant-table';
import { users } from './users';

// Money (lib/money): what a household plans and watches — budgets and the alerts they raised,
// decisions on recurring patterns, saved filters, dashboards, and the workspace's report cache
// version. Amounts are integer minor units beside their currency (DESIGN.md §6).

const at = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: 'string' });

/** A monthly (or yearly) amount for a category or a bucket, with optional rollover of what was left. */
export const moneyBudgets = tenantTable(
  'money_budgets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    categoryId: uuid('category_id'),
    bucket: text('bucket'),
    period: text('period').notNull().default('monthly'),
    amountMinor: minorUnitsColumn('amount_minor').notNull(),
    currency: currencyColumn('currency').notNull(),
    rollover: boolean('rollover').notNull().default(false),
    /** Percentages that raise an alert, once each per budget and period. */
    thresholds: integer('thresholds').array().notNull().default(sql`'{80,100}'::integer[]`),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    tenantRef(t, t.categoryId, moneyCategories, { onDelete: 'cascade', name: 'money_budgets_category_fk' }),
    uniqueIndex('money_budgets_target_idx').on(t.tenantId, t.period, sql`coalesce(${t.categoryId}::text, 'bucket:' || ${t.bucket})`),
    check('money_budgets_period', sql`${t.period} in ('monthly', 'yearly')`),
    check('money_budgets_target', sql`(${t.categoryId} is null) <> (${t.bucket} is null)`),
    check('money_budgets_amount', sql`${t.amountMinor} > 0`),
  ],
);

/**
 * An alert a budget raised: the unique (budget, period, threshold) is what makes it once per
 * budget per period under concurrent imports — the second writer's insert does nothing.
 */
export const moneyBudgetAlerts = tenantTable(
  'money_budget_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    budgetId: uuid('budget_id').notNull(),
    periodStart: day('period_start').notNull(),
    threshold: integer('threshold').notNull(),
    spentMinor: minorUnitsColumn('spent_minor').notNull(),
    limitMinor: minorUnitsColumn('limit_minor').notNull(),
    readAt: at('read_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    tenantRef(t, t.budgetId, moneyBudgets, { onDelete: 'cascade', name: 'money_budget_alerts_budget_fk' }),
    uniqueIndex('money_budget_alerts_once_idx').on(t.tenantId, t.budgetId, t.periodStart, t.threshold),
  ],
);

/**
 * A person's word on a detected recurring pattern (keyed by merchant, as detection groups):
 * confirmed or dismissed, and its status. The pattern itself is recomputed from transactions.
 */
export const moneyRecurringPatterns = tenantTable(
  'money_recurring_patterns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    merchantKey: text('merchant_key').notNull(),
    decision: text('decision').notNull(),
    status: text('status').notNull().default('active'),
    /** The typical amount when confirmed: "amount went up" compares against it. */
    confirmedAmountMinor: minorUnitsColumn('confirmed_amount_minor'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: at('decided_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('money_recurring_patterns_key_idx').on(t.tenantId, t.merchantKey),
    check('money_recurring_patterns_decision', sql`${t.decision} in ('confirmed', 'dismissed')`),
    check('money_recurring_patterns_status', sql`${t.status} in ('active', 'paused', 'ended')`),
  ],
);

/** A named filter, shared in the workspace; pinned first, then by use. */
export const moneySavedFilters = tenantTable(
  'money_saved_filters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    filter: jsonb('filter').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    useCount: integer('use_count').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('money_saved_filters_name_idx').on(t.tenantId, t.name)],
);

export const MONEY_DATE_RANGES = ['month_to_date', 'quarter_to_date', 'year_to_date', 'last_30_days', 'last_90_days', 'last_year'] as const;

/** A member's dashboard: several each, one default, never none (lib/money/dashboards). */
export const moneyDashboards = tenantTable(
  'money_dashboards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    dateRange: text('date_range').notNull().default('month_to_date'),
    isDefault: boolean('is_default').notNull().default(false),
    position: integer('position').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('money_dashboards_user_idx').on(t.tenantId, t.userId, t.position),
    uniqueIndex('money_dashboards_default_idx').on(t.tenantId, t.userId).where(sql`${t.isDefault}`),
    check('money_dashboards_date_range', sql`${t.dateRange} in ('month_to_date', 'quarter_to_date', 'year_to_date', 'last_30_days', 'last_90_days', 'last_year')`),
  ],
);

export const moneyDashboardWidgets = tenantTable(
  'money_dashboard_widgets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dashboardId: uuid('dashboard_id').notNull(),
    type: text('type').notNull(),
    position: integer('position').notNull().default(0),
    width: text('width').notNull().default('half'),
    visible: boolean('visible').notNull().default(true),
    filter: jsonb('filter').notNull().default({}),
  },
  (t) => [
    tenantRef(t, t.dashboardId, moneyDashboards, { onDelete: 'cascade', name: 'money_dashboard_widgets_dashboard_fk' }),
    index('money_dashboard_widgets_dashboard_idx').on(t.tenantId, t.dashboardId, t.position),
    check('money_dashboard_widgets_width', sql`${t.width} in ('half', 'full')`),
  ],
);

/**
 * One row per workspace. cache_version is bumped in the same transaction as any change a report
 * reads (transactions, rules, categories, budgets), and is part of every cached report's key: a
 * change makes the old entries unreachable, with no scan of keys.
 */
export const moneySettings = tenantTable(
  'money_settings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cacheVersion: bigint('cache_version', { mode: 'number' }).notNull().default(0),
    defaultsSeededAt: at('defaults_seeded_at'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('money_settings_tenant_idx').on(t.tenantId)],
);

/** A member's Money preferences: the weekly summary email (opt-in) and when it last went. */
export const moneyMemberSettings = tenantTable(
  'money_member_settings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    weeklySummary: boolean('weekly_summary').notNull().default(false),
    lastWeeklySentOn: day('last_weekly_sent_on'),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('money_member_settings_user_idx').on(t.tenantId, t.userId)],
);

