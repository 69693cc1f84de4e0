import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/rows';
import { inTransaction, NestedTransactionError, tenantContext, withSystem, withTenant } from '@/db/tenant';
import { createTenant } from '../helpers/database';

// On PGlite (one connection) a transaction opened inside another waits forever; on Postgres it
// takes a second pooled connection that can't see the outer writes. Both must throw at once.
describe('opening a transaction inside another', () => {
  it('withTenant inside withSystem throws at once, and the outer transaction rolls back', async () => {
    const { workspace } = await createTenant();
    const ctx = tenantContext({ tenantId: workspace.id, userId: null, role: 'admin', via: 'workflow' });
    const marker = `guard-${workspace.id.slice(0, 8)}`;
    await expect(
      withSystem('test: nesting guard', async (tx) => {
        await tx.execute(sql`update workspaces set name = ${marker} where id = ${workspace.id}`);
        return withTenant(ctx, async () => 'unreachable');
      }),
    ).rejects.toThrow(NestedTransactionError);
    const [row] = await withSystem('test: read back', async (tx) =>
      rowsOf<{ name: string }>(await tx.execute(sql`select name from workspaces where id = ${workspace.id}`)),
    );
    expect(row!.name).not.toBe(marker);
  });

  it('withSystem inside withTenant throws, however deep the await chain', async () => {
    const { workspace } = await createTenant();
    const ctx = tenantContext({ tenantId: workspace.id, userId: null, role: 'admin', via: 'workflow' });
    const deep = async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return withSystem('test: deep', async () => 1);
    };
    await expect(withTenant(ctx, async () => deep())).rejects.toThrow(/withSystem\(test: deep\) was called inside withTenant/);
  });

  it('sequential and parallel transactions are fine, and the guard is off again afterwards', async () => {
    expect(inTransaction()).toBe(false);
    const inside = await withSystem('test: one', async () => inTransaction());
    expect(inside).toBe(true);
    const results = await Promise.all([withSystem('test: a', async () => 'a'), withSystem('test: b', async () => 'b')]);
    expect(results).toEqual(['a', 'b']);
    expect(inTransaction()).toBe(false);
  });

  it('refuses a reason outside the typed list', async () => {
    // @ts-expect-error — not a category from db/system-reasons.ts
    await expect(withSystem('because', async () => 1)).rejects.toThrow(/reason from db\/system-reasons/);
  });
});
