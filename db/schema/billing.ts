import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, date, index, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantTable } from './tenant-table';
import { users } from './users';

// Billing (lib/billing): what a workspace pays for and what it has used. Every row is written by
// system work (webhooks, the test checkout, the meter's ledger through its own helper); members
// read their workspace's rows under RLS.

export const subscriptionSourceEnum = pgEnum('subscription_source', ['stripe', 'woocommerce', 'test']);

export const subscriptionStatusEnum = pgEnum('subscription_status', [
  'trialing',
  'active',
  'past_due',
  'canceled',
  'unpaid',
  'incomplete',
  'incomplete_expired',
  'paused',
]);

/** The add-on quantities a subscription carries (Stripe subscription items with a quantity). */
export type SubscriptionAddons = { members?: number; liveBots?: number; trackedProducts?: number };

/**
 * One row per subscription at its source, whichever sold it (Stripe, WooCommerce, the built-in
 * test checkout): the provider's object is the source of truth and every event re-syncs the row
 * from it, so duplicates and out-of-order deliveries converge.
 */
export const subscriptions = tenantTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: subscriptionSourceEnum('source').notNull(),
    externalId: text('external_id').notNull(),
    customerId: text('customer_id'),
    planId: text('plan_id').notNull(),
    interval: text('interval').$type<'month' | 'year'>().notNull().default('month'),
    status: subscriptionStatusEnum('status').notNull(),
    cancelAtPeriodEnd: boolean('cancel_at_period_end').notNull().default(false),
    currentPeriodStart: timestamp('current_period_start', { withTimezone: true }),
    currentPeriodEnd: timestamp('current_period_end', { withTimezone: true }),
    trialEnd: timestamp('trial_end', { withTimezone: true }),
    canceledAt: timestamp('canceled_at', { withTimezone: true }),
    // When a past_due subscription stops counting (7 days after the first failed payment).
    graceUntil: timestamp('grace_until', { withTimezone: true }),
    addons: jsonb('addons').$type<SubscriptionAddons>().notNull().default({}),
    // The provider's own time of the state last applied: an older state never overwrites a newer one.
    sourceUpdatedAt: timestamp('source_updated_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('subscriptions_source_external_idx').on(t.source, t.externalId), index('subscriptions_tenant_idx').on(t.tenantId)],
  { grants: ['select'] },
);

/**
 * One row per workspace: its trial, its Stripe customer (created once), and the admin override
 * (an Enterprise contract, a courtesy plan) with the staff member who set it.
 */
export const billingAccounts = tenantTable(
  'billing_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    trialPlanId: text('trial_plan_id'),
    trialEndsAt: timestamp('trial_ends_at', { withTimezone: true }),
    /** The trial end the "trial ends in 3 days" email was sent for: one email per trial end, even if an admin moves it. */
    trialReminderFor: timestamp('trial_reminder_for', { withTimezone: true }),
    /** Monthly or yearly, as chosen on the pricing page before sign-up: the billing page offers it first. */
    preferredInterval: text('preferred_interval').$type<'month' | 'year'>(),
    stripeCustomerId: text('stripe_customer_id').unique(),
    overridePlanId: text('override_plan_id'),
    overridePriceMinor: bigint('override_price_minor', { mode: 'bigint' }),
    overrideNote: text('override_note'),
    overrideUntil: timestamp('override_until', { withTimezone: true }),
    overrideBy: uuid('override_by').references(() => users.id, { onDelete: 'set null' }),
    // Bumped in every transaction that changes what the workspace may do: cached entitlements
    // carry the version they were computed at and are ignored once it moves.
    version: bigint('version', { mode: 'number' }).notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('billing_accounts_tenant_idx').on(t.tenantId)],
  { grants: ['select'] },
);

/**
 * The month's running total per metric, kept by the meter in the same transaction as each ledger
 * row (under the meter's lock), so a quota check reads one row instead of summing the month's
 * ledger, which grows with every API call. The ledger stays the record; the daily reconcile and
 * a test compare the two.
 */
export const usagePeriodTotals = tenantTable(
  'usage_period_totals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    metric: text('metric').notNull(),
    period: date('period', { mode: 'string' }).notNull(),
    total: bigint('total', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('usage_period_totals_key_idx').on(t.tenantId, t.metric, t.period)],
  { grants: ['select', 'insert', 'update'] },
);

/**
 * Webhook deliveries as received (Stripe events, WooCommerce deliveries), by the provider's id:
 * a duplicate is acknowledged and ignored. Platform data: no tenant, no app_user grant.
 */
export const billingEvents = pgTable(
  'billing_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: subscriptionSourceEnum('source').notNull(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    // Which workspace the delivery was about, once known (not a tenant key: platform data).
    workspaceId: uuid('workspace_id'),
    payload: jsonb('payload').$type<unknown>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    error: text('error'),
  },
  (t) => [uniqueIndex('billing_events_source_event_idx').on(t.source, t.eventId), index('billing_events_unprocessed_idx').on(t.receivedAt).where(sql`processed_at is null`)],
);

/**
 * The durable usage ledger: append-only, one row per metered operation, idempotent by operation
 * id. The Redis counter is the fast path; this is what a lost Redis is rebuilt from.
 */
export const usageLedger = tenantTable(
  'usage_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    metric: text('metric').notNull(),
    // The first day of the calendar month (UTC) the usage counts against.
    period: date('period', { mode: 'string' }).notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    operationId: text('operation_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('usage_ledger_operation_idx').on(t.tenantId, t.metric, t.operationId),
    index('usage_ledger_period_idx').on(t.tenantId, t.period, t.metric),
  ],
  { grants: ['select', 'insert'] },
);
