import { eq } from 'drizzle-orm';
import { billingAccounts } from '@/db/schema';
import { withSystem } from '@/db/tenant';

/**
 * Replaces a test workspace's billing account with exactly `fields` (test workspaces open one
 * with a Pro trial, as createWorkspace does): a test states the account it needs, nothing inherited.
 */
export async function setBillingAccount(tenantId: string, fields: Omit<typeof billingAccounts.$inferInsert, 'tenantId'> = {}): Promise<void> {
  await withSystem('test: billing account', async (tx) => {
    await tx.delete(billingAccounts).where(eq(billingAccounts.tenantId, tenantId));
    await tx.insert(billingAccounts).values({ ...fields, tenantId });
  });
}
