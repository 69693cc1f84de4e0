import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { memberships, moneyBudgetAlerts, users, workspaces } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { formatMoney, fromMinor } from '@/lib/currency';
import { appUrl, queueTemplate } from '@/lib/email/templates';
import { AppError } from '@/lib/errors/app-error';
import { zonedDay } from '@/lib/time';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { alertLine, crossedThresholds, EXCEEDED_PERCENT, percentOf, periodEndOf, periodStartOf } from './budget-math';
import { listBudgets, type BudgetItem } from './budgets';
import { budgetProgressFor, type BudgetProgress } from './progress';

// Alerts exactly once: the unique (budget, period start, threshold) decides. Every run that finds
// a threshold reached inserts with ON CONFLICT DO NOTHING … RETURNING, and only the rows it
// actually inserted send the email and the webhook — in the same transaction, so a second run
// (a concurrent import's event, a retry) inserts nothing and sends nothing, and a rolled-back
// run leaves no alert behind that would suppress the next one.
//
// Only the period holding "today" (in the workspace's time zone) raises alerts: importing last
// year's statements must not mail a dozen alerts about months long closed.

export type RaisedAlert = { id: string; budgetId: string; name: string; periodStart: string; threshold: number; spentMinor: bigint; limitMinor: bigint; line: string };

export const BUDGET_ALERT_ROLES = ['owner', 'admin'] as const;

async function workspaceOf(tx: Tx, tenantId: string) {
  const [row] = await tx.select({ name: workspaces.name, slug: workspaces.slug, timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, tenantId));
  return row ?? { name: 'your workspace', slug: '', timezone: 'UTC' };
}

/** Whom budget alerts are mailed to: the workspace's owners and admins (the people who run its money). */
export function budgetAlertRecipients(tx: Tx, tenantId: string): Promise<Array<{ email: string; name: string | null }>> {
  return tx
    .select({ email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, tenantId), inArray(memberships.role, [...BUDGET_ALERT_ROLES])));
}

const money = (minor: bigint, currency: BudgetItem['currency']) => formatMoney(minor, currency, { locale: 'en-GB' });

/**
 * After transactions booked between `from` and `to` changed: every budget whose current period
 * overlaps them is measured, and each threshold newly reached becomes one alert, one email per
 * recipient and one webhook event.
 */
export async function raiseBudgetAlerts(tx: Tx, tenantId: string, range: { from: string; to: string }, options: { now?: Date } = {}): Promise<RaisedAlert[]> {
  const workspace = await workspaceOf(tx, tenantId);
  const today = zonedDay(options.now ?? new Date(), workspace.timezone);
  const affected = (await listBudgets(tx)).filter((budget) => {
    const start = periodStartOf(budget.period, today);
    return range.from <= periodEndOf(budget.period, start) && range.to >= start;
  });
  if (!affected.length) return [];
  const progress = await budgetProgressFor(tx, affected, today, today);
  const candidates = progress.flatMap((p) => crossedThresholds(p.spentMinor, p.availableMinor, p.budget.thresholds).map((threshold) => ({ p, threshold })));
  if (!candidates.length) return [];

  const inserted = await tx
    .insert(moneyBudgetAlerts)
    .values(candidates.map(({ p, threshold }) => ({ tenantId, budgetId: p.budget.id, periodStart: p.periodStart, threshold, spentMinor: p.spentMinor, limitMinor: p.availableMinor })))
    .onConflictDoNothing()
    .returning({ id: moneyBudgetAlerts.id, budgetId: moneyBudgetAlerts.budgetId, threshold: moneyBudgetAlerts.threshold });
  if (!inserted.length) return [];

  const byKey = new Map(candidates.map((c) => [`${c.p.budget.id}:${c.threshold}`, c.p]));
  const recipients = await budgetAlertRecipients(tx, tenantId);
  const raised: RaisedAlert[] = [];
  for (const row of inserted) {
    const p = byKey.get(`${row.budgetId}:${row.threshold}`)!;
    raised.push(await announce(tx, tenantId, workspace, recipients, p, row));
  }
  return raised;
}

async function announce(
  tx: Tx,
  tenantId: string,
  workspace: { name: string; slug: string },
  recipients: Array<{ email: string; name: string | null }>,
  p: BudgetProgress,
  row: { id: string; threshold: number },
): Promise<RaisedAlert> {
  const { budget } = p;
  const percent = percentOf(p.spentMinor, p.availableMinor);
  const line = alertLine(row.threshold, money(p.spentMinor, budget.currency), money(p.availableMinor, budget.currency), percent);
  const base = `/w/${workspace.slug}/money`;
  for (const person of recipients) {
    await queueTemplate(
      tx,
      'money-budget-alert',
      person.email,
      {
        name: person.name,
        workspaceName: workspace.name,
        budgetName: budget.name,
        line,
        rows: [
          ['Period', `${p.periodStart} to ${p.periodEnd}`],
          ['Spent', money(p.spentMinor, budget.currency)],
          ['Budget', money(p.availableMinor, budget.currency) + (p.carriedMinor > 0n ? ` (incl. ${money(p.carriedMinor, budget.currency)} rolled over)` : '')],
          ['Projected', money(p.projectedMinor, budget.currency)],
        ],
        budgetsUrl: appUrl(`${base}/budgets`),
        settingsUrl: appUrl(`${base}/settings`),
      },
      { tenantId },
    );
  }
  await emitWebhookEvent(tx, tenantId, 'money.budget.threshold_reached', {
    budget_id: budget.id,
    name: budget.name,
    period_start: p.periodStart,
    threshold: row.threshold,
    status: row.threshold >= EXCEEDED_PERCENT ? 'exceeded' : 'warning',
    spent: fromMinor(p.spentMinor, budget.currency),
    limit: fromMinor(p.availableMinor, budget.currency),
    currency: budget.currency,
    percent,
    message: line,
  });
  return { id: row.id, budgetId: budget.id, name: budget.name, periodStart: p.periodStart, threshold: row.threshold, spentMinor: p.spentMinor, limitMinor: p.availableMinor, line };
}

export type BudgetAlertItem = { id: string; budgetId: string; name: string; currency: BudgetItem['currency']; periodStart: string; threshold: number; spentMinor: bigint; limitMinor: bigint; line: string; readAt: Date | null; createdAt: Date };

/** The in-app list: newest first, unread first when asked. */
export async function listBudgetAlerts(tx: Tx, options: { unreadOnly?: boolean; limit?: number } = {}): Promise<BudgetAlertItem[]> {
  const names = new Map((await listBudgets(tx)).map((b) => [b.id, b]));
  const rows = await tx
    .select()
    .from(moneyBudgetAlerts)
    .where(options.unreadOnly ? isNull(moneyBudgetAlerts.readAt) : undefined)
    .orderBy(desc(moneyBudgetAlerts.createdAt), desc(moneyBudgetAlerts.threshold))
    .limit(options.limit ?? 20);
  return rows.flatMap((row) => {
    const budget = names.get(row.budgetId);
    if (!budget) return [];
    const percent = percentOf(row.spentMinor, row.limitMinor);
    return [{ id: row.id, budgetId: row.budgetId, name: budget.name, currency: budget.currency, periodStart: row.periodStart, threshold: row.threshold, spentMinor: row.spentMinor, limitMinor: row.limitMinor, line: alertLine(row.threshold, money(row.spentMinor, budget.currency), money(row.limitMinor, budget.currency), percent), readAt: row.readAt, createdAt: row.createdAt }];
  });
}

/** Marks one alert read, or all of them when no id is given. Returns how many changed. */
export async function markBudgetAlertsRead(tx: Tx, _ctx: TenantContext, alertId?: string): Promise<number> {
  const rows = await tx
    .update(moneyBudgetAlerts)
    .set({ readAt: sql`now()` })
    .where(and(isNull(moneyBudgetAlerts.readAt), alertId ? eq(moneyBudgetAlerts.id, alertId) : undefined))
    .returning({ id: moneyBudgetAlerts.id });
  if (alertId && !rows.length) {
    const [exists] = await tx.select({ id: moneyBudgetAlerts.id }).from(moneyBudgetAlerts).where(eq(moneyBudgetAlerts.id, alertId));
    if (!exists) throw new AppError('not_found', 'That alert does not exist.');
  }
  return rows.length;
}
