import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { subscriptions } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { resetEnvCache } from '@/lib/env';
import type { SessionUser } from '@/lib/tenancy/session';
import { addMember, createWorkspaceWithOwner } from '../tenancy/support';
import { asSessionUser, form, submit } from '../actions/support';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/tenancy/session', async () => (await import('../actions/support')).sessionModule(session));
vi.mock('next/headers', async () => (await import('../actions/support')).headersModule());
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { startCheckoutAction, cancelAtPeriodEndAction, resumeAction, openPortalAction } = await import('@/app/(app)/w/[workspace]/settings/billing/actions');

beforeAll(() => {
  delete process.env.STRIPE_SECRET_KEY;
  resetEnvCache();
});

const testRow = async (tenantId: string) =>
  (await withSystem('test: row', (tx) => tx.select().from(subscriptions).where(and(eq(subscriptions.tenantId, tenantId), eq(subscriptions.source, 'test')))))[0];

describe('billing actions (test backend)', () => {
  it('an owner checks out, cancels at period end and resumes, each ending on the billing page', async () => {
    const { owner, workspace } = await createWorkspaceWithOwner();
    session.user = asSessionUser(owner);
    const billing = `/w/${workspace.slug}/settings/billing`;
    expect(await submit(startCheckoutAction, form({ workspace: workspace.slug, planId: 'team', interval: 'year' }))).toEqual({ redirect: `${billing}?checkout=test` });
    expect(await testRow(workspace.id)).toMatchObject({ planId: 'team', interval: 'year', cancelAtPeriodEnd: false });
    expect(await submit(cancelAtPeriodEndAction, form({ workspace: workspace.slug }))).toEqual({ redirect: billing });
    expect((await testRow(workspace.id))!.cancelAtPeriodEnd).toBe(true);
    expect(await submit(resumeAction, form({ workspace: workspace.slug }))).toEqual({ redirect: billing });
    expect((await testRow(workspace.id))!.cancelAtPeriodEnd).toBe(false);
    expect(await submit(openPortalAction, form({ workspace: workspace.slug }))).toEqual({ redirect: billing });
  });

  it('refuses members, unverified admins and plans outside checkout, writing nothing', async () => {
    const { workspace } = await createWorkspaceWithOwner();
    const member = await addMember(workspace.id, 'member');
    session.user = asSessionUser(member.user);
    expect(await submit(startCheckoutAction, form({ workspace: workspace.slug, planId: 'pro', interval: 'month' }))).toMatchObject({ result: { ok: false, error: { code: 'forbidden' } } });
    const admin = await addMember(workspace.id, 'admin', { verified: false });
    session.user = asSessionUser(admin.user);
    expect(await submit(startCheckoutAction, form({ workspace: workspace.slug, planId: 'pro', interval: 'month' }))).toMatchObject({
      result: { ok: false, error: { code: 'forbidden', message: expect.stringMatching(/Verify your email/) } },
    });
    const verifiedAdmin = await addMember(workspace.id, 'admin');
    session.user = asSessionUser(verifiedAdmin.user);
    expect(await submit(startCheckoutAction, form({ workspace: workspace.slug, planId: 'enterprise', interval: 'month' }))).toMatchObject({ result: { ok: false } });
    expect(await testRow(workspace.id)).toBeUndefined();
  });
});
