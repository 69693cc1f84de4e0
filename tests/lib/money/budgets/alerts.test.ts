import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailOutbox, moneyBudgetAlerts, outbox, webhookDeliveries } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { listBudgetAlerts, markBudgetAlertsRead, raiseBudgetAlerts } from '@/lib/money/budgets/alerts';
import { createBudget } from '@/lib/money/budgets/budgets';
import { queueMoneyTransactionsChanged } from '@/lib/money/budgets/transactions-changed';
import { addMember } from '../../tenancy/support';
import { addTransactions, household, meta, subscribeWebhook } from './support';

// Alerts exactly once per budget, period and threshold, with one email per owner/admin and one
// webhook event each; concurrent runs included. The workspace is on UTC and "now" is fixed.

const NOW = new Date('2026-04-20T12:00:00Z');

async function setUp() {
  const h = await household();
  const admin = await addMember(h.ctx.tenantId, 'admin');
  const member = await addMember(h.ctx.tenantId, 'member');
  await subscribeWebhook(h.ctx, 'money.budget.threshold_reached');
  const budget = await withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { categoryId: h.category('Groceries'), amount: '100', currency: 'GBP' }, meta));
  return { ...h, budget, people: [h.owner.email, admin.user.email, member.user.email] };
}

const raise = (h: Awaited<ReturnType<typeof setUp>>, from = '2026-04-01', to = '2026-04-30') => withTenant(h.ctx, (tx) => raiseBudgetAlerts(tx, h.ctx.tenantId, { from, to }, { now: NOW }));

async function emailsTo(addresses: string[]) {
  return withSystem('test: read emails', (tx) =>
    tx.select({ to: emailOutbox.to, subject: emailOutbox.subject, text: emailOutbox.text }).from(emailOutbox).where(and(inArray(emailOutbox.to, addresses), eq(emailOutbox.template, 'money-budget-alert'))),
  );
}

const deliveries = (h: Awaited<ReturnType<typeof setUp>>) => withTenant(h.ctx, (tx) => tx.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventType, 'money.budget.threshold_reached')));
const alerts = (h: Awaited<ReturnType<typeof setUp>>) => withTenant(h.ctx, (tx) => tx.select().from(moneyBudgetAlerts));

describe('budget alerts', () => {
  it('raises each threshold once, mails the owners and admins and emits the webhook, in the reference’s words', async () => {
    const h = await setUp();
    await addTransactions(h.ctx, h.account.id, 'GBP', [{ on: '2026-04-10', minor: -8_500n, categoryId: h.category('Groceries') }]);
    const first = await raise(h);
    expect(first.map((a) => [a.threshold, a.line])).toEqual([[80, 'Budget warning: £85.00 / £100.00 (85%)']]);
    expect(await raise(h)).toEqual([]);

    const mail = await emailsTo(h.people);
    expect(mail.map((m) => m.to).sort()).toEqual([h.people[0], h.people[1]].sort());
    expect(mail[0]!.subject).toBe('Groceries — Budget warning: £85.00 / £100.00 (85%)');
    const [delivery] = await deliveries(h);
    expect(delivery!.payload).toMatchObject({ type: 'money.budget.threshold_reached', data: { budget_id: h.budget.id, threshold: 80, status: 'warning', spent: '85.00', limit: '100.00', percent: 85, period_start: '2026-04-01' } });

    await addTransactions(h.ctx, h.account.id, 'GBP', [{ on: '2026-04-18', minor: -2_000n, categoryId: h.category('Groceries') }]);
    const second = await raise(h);
    expect(second.map((a) => [a.threshold, a.line])).toEqual([[100, 'Budget exceeded: £105.00 / £100.00 (105%)']]);
    expect(await emailsTo(h.people)).toHaveLength(4);
    expect(await deliveries(h)).toHaveLength(2);
    expect((await alerts(h)).map((a) => a.threshold).sort((a, b) => a - b)).toEqual([80, 100]);
  });

  it('raises one alert and one email per threshold when two runs race', async () => {
    const h = await setUp();
    await addTransactions(h.ctx, h.account.id, 'GBP', [{ on: '2026-04-10', minor: -9_000n, categoryId: h.category('Groceries') }]);
    const results = await Promise.all([raise(h), raise(h), raise(h, '2026-04-10', '2026-04-10')]);
    expect(results.flat()).toHaveLength(1);
    expect(await alerts(h)).toHaveLength(1);
    expect(await emailsTo(h.people)).toHaveLength(2);
    expect(await deliveries(h)).toHaveLength(1);
  });

  it('leaves closed periods alone: only the current one raises alerts', async () => {
    const h = await setUp();
    await addTransactions(h.ctx, h.account.id, 'GBP', [{ on: '2026-03-10', minor: -50_000n, categoryId: h.category('Groceries') }]);
    expect(await raise(h, '2026-03-01', '2026-03-31')).toEqual([]);
    expect(await raise(h, '2026-03-01', '2026-04-30')).toEqual([]);
    expect(await alerts(h)).toEqual([]);
  });

  it('lists alerts in the app and marks them read', async () => {
    const h = await setUp();
    await addTransactions(h.ctx, h.account.id, 'GBP', [{ on: '2026-04-10', minor: -12_000n, categoryId: h.category('Groceries') }]);
    await raise(h);
    const listed = await withTenant(h.ctx, (tx) => listBudgetAlerts(tx));
    expect(listed.map((a) => a.line)).toEqual(['Budget exceeded: £120.00 / £100.00 (120%)', 'Budget warning: £120.00 / £100.00 (120%)']);
    expect(await withTenant(h.ctx, (tx) => markBudgetAlertsRead(tx, h.ctx, listed[0]!.id))).toBe(1);
    expect(await withTenant(h.ctx, (tx) => listBudgetAlerts(tx, { unreadOnly: true }))).toHaveLength(1);
    expect(await withTenant(h.ctx, (tx) => markBudgetAlertsRead(tx, h.ctx))).toBe(1);
    expect(await withTenant(h.ctx, (tx) => listBudgetAlerts(tx, { unreadOnly: true }))).toEqual([]);
  });

  it('queues the check in the caller’s transaction, and not at all when it rolls back', async () => {
    const h = await setUp();
    await withTenant(h.ctx, (tx) => queueMoneyTransactionsChanged(tx, h.ctx.tenantId, { from: '2026-04-30', to: '2026-04-02' }));
    await withTenant(h.ctx, async (tx) => {
      await queueMoneyTransactionsChanged(tx, h.ctx.tenantId, { from: '2026-01-01', to: '2026-01-02' });
      throw new Error('the import failed');
    }).catch(() => undefined);
    const events = await withSystem('test: read outbox', (tx) => tx.select().from(outbox).where(and(eq(outbox.tenantId, h.ctx.tenantId), eq(outbox.name, 'money/transactions.changed'))));
    expect(events.map((e) => e.data)).toEqual([{ tenantId: h.ctx.tenantId, from: '2026-04-02', to: '2026-04-30' }]);
  });
});
