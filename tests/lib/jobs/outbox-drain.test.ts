import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tenantContext, withTenant } from '@/db/tenant';
import { dispatchOutbox, enqueueEvent } from '@/lib/jobs/outbox';
import { createTenant, systemQuery } from '../../helpers/database';

describe('outbox dispatch drains', () => {
  it('250 events written in one transaction are all dispatched by one call', async () => {
    const { user, workspace } = await createTenant();
    const ctx = tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' });
    await withTenant(ctx, async (tx) => {
      for (let i = 0; i < 250; i++) await enqueueEvent(tx, { name: 'test/outbox.drained', data: { i }, tenantId: workspace.id });
    });
    // No workflow listens to this name: the inline sender hands over nothing, so only the outbox is measured.
    expect(await dispatchOutbox({ tenantId: workspace.id })).toMatchObject({ claimed: 250, dispatched: 250, failed: 0 });
    const [pending] = await systemQuery<{ n: number }>(
      sql`select count(*)::int as n from outbox where tenant_id = ${workspace.id} and dispatched_at is null`,
    );
    expect(pending!.n).toBe(0);
  });
});
