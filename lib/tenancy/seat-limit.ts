import type { Tx } from '@/db/tenant';
import { loadEntitlements } from '@/lib/billing/entitlements';

/** How many members the workspace's plan allows (add-ons included); null = unlimited. */
export async function seatLimitFor(tx: Tx, tenantId: string): Promise<number | null> {
  return (await loadEntitlements(tx, tenantId)).limits.members;
}
