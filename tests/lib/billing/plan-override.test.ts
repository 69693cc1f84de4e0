import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { cachedEntitlements } from '@/lib/billing/entitlements-cache';
import { clearPlanOverride, planOverrideSchema, setPlanOverride } from '@/lib/billing/plan-override';
import { createTenant } from '@/tests/helpers/database';

const DAY = 86_400_000;

describe('the admin plan override (Enterprise contracts)', () => {
  it('puts the workspace on the contract plan at once (the cached entitlements see it), audited, until cleared', async () => {
    const { user, workspace } = await createTenant();
    expect((await cachedEntitlements(workspace.id)).planId).toBe('pro');
    const input = planOverrideSchema.parse({ workspace: workspace.slug, plan: 'enterprise', priceMinor: '19900', until: new Date(Date.now() + 365 * DAY).toISOString(), note: 'Contract #42', by: user.email });
    await withSystem('test: override', (tx) => setPlanOverride(tx, input));
    expect(await cachedEntitlements(workspace.id)).toMatchObject({ planId: 'enterprise', source: 'override' });
    await withSystem('test: clear', (tx) => clearPlanOverride(tx, { workspace: workspace.slug, by: user.email, note: 'Contract ended' }));
    expect(await cachedEntitlements(workspace.id)).toMatchObject({ planId: 'pro', source: 'trial' });
    const actions = await withSystem('test: audit', (tx) =>
      tx.select({ action: auditLog.action, actor: auditLog.actorUserId }).from(auditLog).where(and(eq(auditLog.tenantId, workspace.id))),
    );
    expect(actions.filter((a) => a.action.startsWith('billing.'))).toEqual([
      { action: 'billing.plan_override_set', actor: user.id },
      { action: 'billing.plan_override_cleared', actor: user.id },
    ]);
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const { user, workspace } = await createTenant();
    expect(planOverrideSchema.safeParse({ workspace: workspace.slug, plan: 'platinum', note: 'x', by: user.email }).success).toBe(false);
    expect(planOverrideSchema.safeParse({ workspace: workspace.slug, plan: 'enterprise', note: '', by: user.email }).success).toBe(false);
    const past = planOverrideSchema.parse({ workspace: workspace.slug, plan: 'enterprise', until: new Date(Date.now() - DAY).toISOString(), note: 'late', by: user.email });
    await expect(withSystem('test: override', (tx) => setPlanOverride(tx, past))).rejects.toMatchObject({ code: 'bad_request' });
    const unknown = planOverrideSchema.parse({ workspace: 'no-such-workspace', plan: 'enterprise', note: 'x', by: user.email });
    await expect(withSystem('test: override', (tx) => setPlanOverride(tx, unknown))).rejects.toMatchObject({ code: 'not_found' });
    expect((await cachedEntitlements(workspace.id)).planId).toBe('pro');
  });
});
