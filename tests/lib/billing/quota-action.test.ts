import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { billingAccounts, workspaces } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import type { SessionUser } from '@/lib/tenancy/session';
import { createWorkspaceWithOwner } from '../tenancy/support';
import { asSessionUser, form, submit } from '../actions/support';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/tenancy/session', async () => (await import('../actions/support')).sessionModule(session));
vi.mock('next/headers', async () => (await import('../actions/support')).headersModule());
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { workspaceAction } = await import('@/lib/actions/workspace-action');
const { cachedUsageTotals } = await import('@/lib/billing/usage-counters');
const { usageTotals } = await import('@/lib/billing/usage');
const { usagePeriod } = await import('@/lib/billing/meter');

/** An owner signed in to a workspace on Free (500 imported rows a month). */
async function freeOwner() {
  const setup = await createWorkspaceWithOwner();
  await withSystem('test: end the trial', (tx) =>
    tx.update(billingAccounts).set({ trialEndsAt: new Date(Date.now() - 1000) }).where(eq(billingAccounts.tenantId, setup.workspace.id)),
  );
  session.user = asSessionUser(setup.owner);
  return setup;
}

const importRows = workspaceAction(
  {
    input: z.object({ name: z.string(), rows: z.coerce.number().int(), fail: z.string().optional() }),
    permission: 'workspace.update',
    quota: { quota: 'money.imported_rows', amount: (input) => input.rows },
  },
  async ({ input, tx, access }) => {
    await tx.update(workspaces).set({ name: input.name }).where(eq(workspaces.id, access.ctx.tenantId));
    if (input.fail) throw new Error('the import failed');
    return null;
  },
);

const nameOf = async (id: string) =>
  (await withSystem('test: read', (tx) => tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, id))))[0]?.name;
const ledger = (id: string) => withSystem('test: read', (tx) => usageTotals(tx, id, usagePeriod(new Date())));

describe('a workspace action with a quota, through the real meter', () => {
  it('meters with the action, refuses over quota with quota_exceeded and rolls the action back', async () => {
    const { workspace } = await freeOwner();
    expect((await submit(importRows, form({ workspace: workspace.slug, name: 'Imported', rows: '400' }))).result).toEqual({ ok: true, data: null });
    expect((await ledger(workspace.id))['money.imported_rows']).toBe(400);
    // Refreshed after commit: the banner's counter has it.
    expect((await cachedUsageTotals(workspace.id))['money.imported_rows']).toBe(400);

    const { result } = await submit(importRows, form({ workspace: workspace.slug, name: 'Too many', rows: '101' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'quota_exceeded' } });
    expect((result as { error: { message: string } }).error.message).toContain('imported rows');
    expect(await nameOf(workspace.id)).toBe('Imported');
    expect((await ledger(workspace.id))['money.imported_rows']).toBe(400);

    // A handler that fails after metering pays nothing.
    await submit(importRows, form({ workspace: workspace.slug, name: 'Broken', rows: '50', fail: 'yes' }));
    expect(await nameOf(workspace.id)).toBe('Imported');
    expect((await ledger(workspace.id))['money.imported_rows']).toBe(400);

    expect((await submit(importRows, form({ workspace: workspace.slug, name: 'Last rows', rows: '100' }))).result).toEqual({ ok: true, data: null });
    expect((await ledger(workspace.id))['money.imported_rows']).toBe(500);
  });
});
