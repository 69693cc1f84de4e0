import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailOutbox, moneyBudgetAlerts } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { runInline } from '@/lib/jobs/inline-runner';
import { createBudget } from '@/lib/money/budgets/budgets';
import { moneyTransactionsChangedWorkflow } from '@/lib/money/workflows';
import { zonedDay } from '@/lib/time';
import { addTransactions, household, meta } from '../lib/money/budgets/support';

// Two imports committing at once each queue a money/transactions.changed event: their runs, side
// by side under the inline runner, raise each threshold's alert and email exactly once.

describe('money-transactions-changed', () => {
  it('two imports’ events at once raise one alert and one email per threshold', async () => {
    const h = await household();
    const today = zonedDay(new Date(), 'UTC');
    await withTenant(h.ctx, (tx) => createBudget(tx, h.ctx, { categoryId: h.category('Eating out'), amount: '50', currency: 'GBP' }, meta));
    await addTransactions(h.ctx, h.account.id, 'GBP', [
      { on: today, minor: -3_000n, categoryId: h.category('Eating out') },
      { on: today, minor: -2_500n, categoryId: h.category('Eating out') },
    ]);
    const event = () => ({ id: randomUUID(), data: { tenantId: h.ctx.tenantId, from: today, to: today } });
    const runs = await Promise.all([runInline(moneyTransactionsChangedWorkflow, event()), runInline(moneyTransactionsChangedWorkflow, event())]);
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(runs.map((r) => (r.output as { alerts: number }).alerts).sort()).toEqual([0, 2]);

    const alerts = await withTenant(h.ctx, (tx) => tx.select().from(moneyBudgetAlerts));
    expect(alerts.map((a) => a.threshold).sort((a, b) => a - b)).toEqual([80, 100]);
    const mail = await withSystem('test: read emails', (tx) => tx.select().from(emailOutbox).where(and(inArray(emailOutbox.to, [h.owner.email]), eq(emailOutbox.template, 'money-budget-alert'))));
    expect(mail.map((m) => m.subject).sort()).toEqual(['Eating out — Budget exceeded: £55.00 / £50.00 (110%)', 'Eating out — Budget warning: £55.00 / £50.00 (110%)']);
  });

  it('refuses an event without dates', async () => {
    const h = await household();
    expect(() => moneyTransactionsChangedWorkflow.schema.parse({ tenantId: h.ctx.tenantId, from: 'yesterday', to: '2026-01-01' })).toThrow();
  });
});
