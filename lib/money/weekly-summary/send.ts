import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { memberships, moneyMemberSettings, users, workspaces } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { currencyCode, formatMoney } from '@/lib/currency';
import { appUrl, queueTemplate } from '@/lib/email/templates';
import { formatInZone, startOfZonedDay } from '@/lib/time';
import { computeWeeklySummary, type WeeklySummary } from './compute';
import { summaryWeek } from './schedule';

/**
 * Sends the week's summary to each member who wants it and has not had this Monday's: each is
 * claimed by a conditional update of last_weekly_sent_on (only a row still older than this Monday
 * changes), and the emails are queued in the same transaction — so a second run, concurrent or
 * retried, claims nobody and sends nothing, and a run that fails sends nothing and claims nobody.
 * Someone who left the workspace is not mailed (their settings row stays until they are purged).
 */
export async function sendWeeklySummaries(tx: Tx, tenantId: string, monday: string): Promise<string[]> {
  const claimed = await tx
    .update(moneyMemberSettings)
    .set({ lastWeeklySentOn: monday, updatedAt: sql`now()` })
    .where(
      and(
        eq(moneyMemberSettings.weeklySummary, true),
        or(isNull(moneyMemberSettings.lastWeeklySentOn), lt(moneyMemberSettings.lastWeeklySentOn, monday)),
        sql`exists (select 1 from ${memberships} m where m.tenant_id = ${moneyMemberSettings.tenantId} and m.user_id = ${moneyMemberSettings.userId})`,
      ),
    )
    .returning({ userId: moneyMemberSettings.userId });
  if (!claimed.length) return [];
  const [workspace] = await tx.select({ name: workspaces.name, slug: workspaces.slug, currency: workspaces.currency, timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, tenantId));
  if (!workspace) return [];
  const week = summaryWeek(monday);
  const summary = await computeWeeklySummary(tx, { ...week, today: monday, currency: currencyCode(workspace.currency) });
  const props = summaryProps(summary, workspace);
  const sent: string[] = [];
  for (const { userId } of claimed) {
    const [person] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
    if (!person) continue;
    await queueTemplate(tx, 'money-weekly-summary', person.email, { ...props, name: person.name }, { tenantId });
    sent.push(userId);
  }
  return sent;
}

export function summaryProps(summary: WeeklySummary, workspace: { name: string; slug: string; timezone: string }) {
  const money = (minor: bigint) => formatMoney(minor, summary.currency, { locale: 'en-GB' });
  const day = (iso: string) => formatInZone(startOfZonedDay(iso, workspace.timezone), workspace.timezone, 'date');
  const base = `/w/${workspace.slug}/money`;
  return {
    name: null as string | null,
    workspaceName: workspace.name,
    weekLabel: `${day(summary.from)} – ${day(summary.to)}`,
    totals: [
      ['Income', money(summary.incomeMinor)],
      ['Spending', money(summary.spendingMinor)],
      ['Net', money(summary.netMinor)],
    ] as [string, string][],
    topCategories: summary.topCategories.map((c) => [c.name, money(c.spentMinor)] as [string, string]),
    topBuckets: summary.topBuckets.map((b) => [b.name, money(b.spentMinor)] as [string, string]),
    budgetsAtRisk: summary.budgetsAtRisk.map((p) => `${p.budget.name}: ${formatMoney(p.spentMinor, p.budget.currency, { locale: 'en-GB' })} / ${formatMoney(p.availableMinor, p.budget.currency, { locale: 'en-GB' })} (${p.percent}%)`),
    upcoming: summary.upcoming.map((r) => `${r.merchant} · ${day(r.nextExpectedOn)} · ${formatMoney(r.nextAmountMinor, r.currency, { locale: 'en-GB' })}`),
    moneyUrl: appUrl(base),
    settingsUrl: appUrl(`${base}/settings`),
  };
}
