import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiIdempotencyKeys } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { IDEMPOTENCY_TTL_MS } from '@/lib/api/idempotency';
import { purgeExpiredIdempotencyKeys } from '@/lib/api/workflows';
import { createWorkspaceWithOwner } from '../api-keys/support';

async function keysOf(tenantId: string) {
  const rows = await withSystem('test: read idempotency keys', (tx) =>
    tx.select({ key: apiIdempotencyKeys.key }).from(apiIdempotencyKeys).where(eq(apiIdempotencyKeys.tenantId, tenantId)),
  );
  return rows.map((r) => r.key).sort();
}

describe('idempotency retention', () => {
  it('deletes stored responses past their 24 hours, in batches, and keeps the live ones', async () => {
    const { workspace } = await createWorkspaceWithOwner();
    const now = Date.now();
    const row = (key: string, ageMs: number) => ({
      tenantId: workspace.id,
      key,
      fingerprint: 'f',
      responseStatus: 201,
      responseBody: '{}',
      createdAt: new Date(now - ageMs),
      expiresAt: new Date(now - ageMs + IDEMPOTENCY_TTL_MS),
    });
    await withSystem('test: seed idempotency keys', (tx) =>
      tx.insert(apiIdempotencyKeys).values([
        ...Array.from({ length: 5 }, (_, i) => row(`old-${i}`, IDEMPOTENCY_TTL_MS + 60_000 * (i + 1))),
        row('fresh', 60_000),
        row('almost', IDEMPOTENCY_TTL_MS - 60_000),
      ]),
    );
    const result = await purgeExpiredIdempotencyKeys({ batch: 2, now: new Date(now) });
    expect(result.deleted).toBeGreaterThanOrEqual(5);
    expect(await keysOf(workspace.id)).toEqual(['almost', 'fresh']);
  });
});
