import { eq } from 'drizzle-orm';
import { apiKeys, auditLog } from '@/db/schema';
import { withSystem, withTenant, type TenantContext } from '@/db/tenant';
import { createApiKey } from '@/lib/api-keys/keys';
import type { ApiScope } from '@/lib/api-keys/scopes';
import { testCheckout } from '@/lib/billing/test-checkout';
import { meta } from '../tenancy/support';

export { addMember, createWorkspaceWithOwner, ctxFor, meta, outcome } from '../tenancy/support';

export const HOUR = 3_600_000;

/** Moves the workspace to a paid plan through the built-in test checkout. */
export async function putOnPlan(tenantId: string, planId: 'pro' | 'team') {
  await withSystem('test: checkout', (tx) => testCheckout(tx, { tenantId, planId, interval: 'month' }));
}

export function createKey(ctx: TenantContext, scopes: ApiScope[] = ['journal:read'], options: { expiresAt?: Date | null; now?: Date; name?: string } = {}) {
  return withTenant(ctx, (tx) => createApiKey(tx, ctx, { name: options.name ?? 'CI', scopes, expiresAt: options.expiresAt ?? null }, meta, options.now));
}

export async function keyRow(id: string) {
  const [row] = await withSystem('test: read key', (tx) => tx.select().from(apiKeys).where(eq(apiKeys.id, id)));
  return row!;
}

export async function auditActions(tenantId: string) {
  const rows = await withSystem('test: read audit', (tx) =>
    tx.select({ action: auditLog.action, targetId: auditLog.targetId, metadata: auditLog.metadata }).from(auditLog).where(eq(auditLog.tenantId, tenantId)).orderBy(auditLog.seq),
  );
  return rows.filter((r) => r.action.startsWith('api_key.'));
}
