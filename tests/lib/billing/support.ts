import { eq } from 'drizzle-orm';
import { billingAccounts } from '@/db/schema';
import { tenantContext, withSystem } from '@/db/tenant';
import { createTenant } from '../../helpers/database';

/** A workspace whose trial has ended, so it is on Free (quotas: 100 journal trades, 500 imported rows). */
export async function freeWorkspace() {
  const { user, workspace } = await createTenant();
  await withSystem('test: end the trial', (tx) =>
    tx.update(billingAccounts).set({ trialEndsAt: new Date(Date.now() - 86_400_000) }).where(eq(billingAccounts.tenantId, workspace.id)),
  );
  return { user, workspace, ctx: tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' }) };
}
