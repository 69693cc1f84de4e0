import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditLog, users, workspaces } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import type { SessionUser } from '@/lib/tenancy/session';
import { setBillingAccount } from '../../helpers/billing-account';
import { asSessionUser, form, submit } from '../actions/support';
import { addMember, createUser, createWorkspaceWithOwner, inWorkspace, meta } from './support';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/tenancy/session', async () => (await import('../actions/support')).sessionModule(session));
vi.mock('next/headers', async () => (await import('../actions/support')).headersModule());
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { updateGeneralAction, updateTwoFactorRequirementAction } = await import('@/app/(app)/w/[workspace]/settings/actions');
const { membersWithTwoFactor, setTwoFactorRequirement, twoFactorRequirementOf } = await import('@/lib/tenancy/two-factor-requirement');
const { twoFactorRequirementNotice } = await import('@/lib/tenancy/two-factor-notice');
const { workspacePageGate } = await import('@/lib/tenancy/workspace-page-gate');
const { listMembers } = await import('@/lib/tenancy/members');
const { inviteMember } = await import('@/lib/tenancy/invitations');
const { acceptInvitation } = await import('@/lib/tenancy/accept-invitation');
const { requireWorkspacePage } = await import('@/lib/actions/workspace-page');

const DAY = 86_400_000;

/** Team (has security.require_2fa) or Pro (hasn't), as a running trial; Free once it ended. */
async function putOnPlan(tenantId: string, plan: 'team' | 'pro' | 'free') {
  await setBillingAccount(tenantId, plan === 'free' ? { trialPlanId: 'team', trialEndsAt: new Date(Date.now() - DAY) } : { trialPlanId: plan, trialEndsAt: new Date(Date.now() + 14 * DAY) });
}

async function turnOnTwoFactor(userId: string) {
  await withSystem('test: test fixture', (tx) => tx.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, userId)));
}

async function settingOf(tenantId: string): Promise<boolean | undefined> {
  const [row] = await withSystem('test: test read', (tx) => tx.select({ on: workspaces.requireTwoFactor }).from(workspaces).where(eq(workspaces.id, tenantId)));
  return row?.on;
}

/** A Team workspace whose owner has two-factor on and requires it, with a member who hasn't. */
async function requiringWorkspace() {
  const setup = await createWorkspaceWithOwner('Strict Space');
  await putOnPlan(setup.workspace.id, 'team');
  await turnOnTwoFactor(setup.owner.id);
  await inWorkspace(setup.ownerCtx, (tx, ctx) => setTwoFactorRequirement(tx, ctx, true, meta));
  const member = await addMember(setup.workspace.id, 'member');
  return { ...setup, member };
}

async function gate(userId: string, pathname: string): Promise<string> {
  const verdict = await workspacePageGate(userId, pathname);
  return verdict === 'not_found' ? verdict : 'redirect' in verdict ? verdict.redirect : 'pass';
}

const toggle = (slug: string, on: boolean) => form(on ? { workspace: slug, requireTwoFactor: 'on' } : { workspace: slug });

describe('the setting (Settings → General)', () => {
  it('only an owner may change it: admins and members are refused, nothing changes', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    await putOnPlan(workspace.id, 'team');
    await turnOnTwoFactor(owner.id);
    for (const role of ['admin', 'member'] as const) {
      const someone = await addMember(workspace.id, role);
      await turnOnTwoFactor(someone.user.id);
      session.user = asSessionUser(someone.user);
      expect(await submit(updateTwoFactorRequirementAction, toggle(workspace.slug, true))).toMatchObject({ result: { ok: false, error: { code: 'forbidden' } } });
    }
    expect(await settingOf(workspace.id)).toBe(false);
    session.user = asSessionUser(owner);
    expect(await submit(updateTwoFactorRequirementAction, toggle(workspace.slug, true))).toMatchObject({ result: { ok: true } });
    expect(await settingOf(workspace.id)).toBe(true);
  });

  it('a plan without it (Pro) gets payment_required naming Team', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    await putOnPlan(workspace.id, 'pro');
    await turnOnTwoFactor(owner.id);
    session.user = asSessionUser(owner);
    expect(await submit(updateTwoFactorRequirementAction, toggle(workspace.slug, true))).toMatchObject({
      result: { ok: false, error: { code: 'payment_required', message: expect.stringMatching(/Team/) } },
    });
    expect(await settingOf(workspace.id)).toBe(false);
  });

  it('turning it on needs the owner’s own two-factor first (a field error); turning it off doesn’t', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    await putOnPlan(workspace.id, 'team');
    session.user = asSessionUser(owner);
    expect(await submit(updateTwoFactorRequirementAction, toggle(workspace.slug, true))).toMatchObject({
      result: { ok: false, error: { code: 'validation_failed' }, fieldErrors: { requireTwoFactor: ['Turn on two-factor for your own account first.'] } },
    });
    expect(await settingOf(workspace.id)).toBe(false);
    await turnOnTwoFactor(owner.id);
    expect(await submit(updateTwoFactorRequirementAction, toggle(workspace.slug, true))).toMatchObject({ result: { ok: true } });
    expect(await submit(updateTwoFactorRequirementAction, toggle(workspace.slug, false))).toMatchObject({ result: { ok: true } });
    expect(await settingOf(workspace.id)).toBe(false);
  });

  it('records each change in the audit log, and a save without a change records nothing', async () => {
    const { workspace, owner, ownerCtx } = await createWorkspaceWithOwner();
    await putOnPlan(workspace.id, 'team');
    await turnOnTwoFactor(owner.id);
    await inWorkspace(ownerCtx, (tx, ctx) => setTwoFactorRequirement(tx, ctx, true, meta));
    await inWorkspace(ownerCtx, (tx, ctx) => setTwoFactorRequirement(tx, ctx, true, meta));
    await inWorkspace(ownerCtx, (tx, ctx) => setTwoFactorRequirement(tx, ctx, false, meta));
    const rows = await withSystem('test: test read', (tx) =>
      tx.select({ action: auditLog.action, actor: auditLog.actorUserId, metadata: auditLog.metadata }).from(auditLog).where(eq(auditLog.tenantId, workspace.id)).orderBy(auditLog.seq),
    );
    expect(rows.slice(1)).toEqual([
      { action: 'workspace.two_factor_required', actor: owner.id, metadata: { from: false, to: true } },
      { action: 'workspace.two_factor_optional', actor: owner.id, metadata: { from: true, to: false } },
    ]);
  });

  it('after a downgrade the setting is kept but no longer enforced', async () => {
    const { workspace, ownerCtx } = await requiringWorkspace();
    expect(await inWorkspace(ownerCtx, (tx) => twoFactorRequirementOf(tx, workspace.id))).toEqual({ setting: true, included: true, enforced: true });
    await putOnPlan(workspace.id, 'free');
    expect(await inWorkspace(ownerCtx, (tx) => twoFactorRequirementOf(tx, workspace.id))).toEqual({ setting: true, included: false, enforced: false });
    // Kept off and on only on a plan that has it: the wrapper's feature gate refuses the change.
    expect(await settingOf(workspace.id)).toBe(true);
  });
});

describe('enforcement', () => {
  it('the request gate sends a member without two-factor to Account → Security from every page of the workspace', async () => {
    const { workspace, member } = await requiringWorkspace();
    const target = `/account/security?required=${workspace.slug}`;
    for (const path of ['', '/bots', '/settings', '/settings/members', '/no-such-page']) {
      expect(await gate(member.user.id, `/w/${workspace.slug}${path}`)).toBe(target);
    }
    // A page their role can't open stays a 404: nothing about it is disclosed.
    expect(await gate(member.user.id, `/w/${workspace.slug}/settings/audit`)).toBe('not_found');
  });

  it('lets through a member with two-factor, the owner, and everyone on a plan that lost the feature', async () => {
    const { workspace, owner, member } = await requiringWorkspace();
    expect(await gate(owner.id, `/w/${workspace.slug}/bots`)).toBe('pass');
    const secured = await addMember(workspace.id, 'member');
    await turnOnTwoFactor(secured.user.id);
    expect(await gate(secured.user.id, `/w/${workspace.slug}/bots`)).toBe('pass');
    await putOnPlan(workspace.id, 'free');
    expect(await gate(member.user.id, `/w/${workspace.slug}/bots`)).toBe('pass');
  });

  it('leaves the member’s other workspaces alone', async () => {
    const { member } = await requiringWorkspace();
    const other = await createWorkspaceWithOwner('Relaxed Space');
    await putOnPlan(other.workspace.id, 'team');
    await withSystem('test: test fixture', async (tx) => {
      const { memberships } = await import('@/db/schema');
      await tx.insert(memberships).values({ tenantId: other.workspace.id, userId: member.user.id, role: 'member' });
    });
    expect(await gate(member.user.id, `/w/${other.workspace.slug}/bots`)).toBe('pass');
  });

  it('refuses the member’s server actions with two_factor_required (403), changing nothing', async () => {
    const { workspace } = await requiringWorkspace();
    const admin = await addMember(workspace.id, 'admin');
    session.user = asSessionUser(admin.user);
    const result = await submit(updateGeneralAction, form({ workspace: workspace.slug, name: 'Taken over', timezone: 'UTC', currency: 'USD' }));
    expect(result).toMatchObject({ result: { ok: false, error: { code: 'two_factor_required', message: expect.stringMatching(/Strict Space requires two-factor/) } } });
    const [row] = await withSystem('test: test read', (tx) => tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspace.id)));
    expect(row?.name).toBe('Strict Space');
    const { HTTP_STATUS } = await import('@/lib/errors/app-error');
    expect(HTTP_STATUS.two_factor_required).toBe(403);
    // Once they turn two-factor on, the same action goes through.
    await turnOnTwoFactor(admin.user.id);
    expect(await submit(updateGeneralAction, form({ workspace: workspace.slug, name: 'Renamed', timezone: 'UTC', currency: 'USD' }))).toMatchObject({ result: { ok: true } });
  });

  it('a render the gate didn’t decide (the page helper) redirects the member too', async () => {
    const { workspace, member } = await requiringWorkspace();
    session.user = asSessionUser(member.user);
    const digest = await requireWorkspacePage(workspace.slug).then(
      () => 'rendered',
      (error: unknown) => String((error as { digest?: unknown }).digest ?? error),
    );
    expect(digest.split(';')[2]).toBe(`/account/security?required=${workspace.slug}`);
  });

  it('joining from an invitation says where to go: the security page without two-factor, the workspace with it', async () => {
    const { workspace, ownerCtx } = await requiringWorkspace();
    const join = async (withTwoFactor: boolean) => {
      const invitee = await createUser();
      if (withTwoFactor) await turnOnTwoFactor(invitee.id);
      const { token } = await inWorkspace(ownerCtx, (tx) => inviteMember(tx, ownerCtx, { email: invitee.email, role: 'member' }, meta));
      return withSystem('test: accept', (tx) => acceptInvitation(tx, invitee, token, meta));
    };
    expect(await join(false)).toMatchObject({ workspaceSlug: workspace.slug, twoFactorRequired: true });
    expect(await join(true)).toMatchObject({ twoFactorRequired: false });
  });

  it('the security page names the workspace for its members only, and offers the way back once two-factor is on', async () => {
    const { workspace, member } = await requiringWorkspace();
    expect(await twoFactorRequirementNotice(member.user.id, workspace.slug)).toEqual({ slug: workspace.slug, name: 'Strict Space', blocking: true });
    const stranger = await createWorkspaceWithOwner();
    expect(await twoFactorRequirementNotice(stranger.owner.id, workspace.slug)).toBeNull();
    expect(await twoFactorRequirementNotice(member.user.id, 'Not A Slug!')).toBeNull();
    await turnOnTwoFactor(member.user.id);
    expect(await twoFactorRequirementNotice(member.user.id, workspace.slug)).toEqual({ slug: workspace.slug, name: 'Strict Space', blocking: false });
  });
});

describe('members listing', () => {
  it('shows each member’s two-factor state, read as the workspace (tenant transaction)', async () => {
    const { owner, ownerCtx, member } = await requiringWorkspace();
    const list = await withTenant(ownerCtx, (tx) => listMembers(tx));
    expect(Object.fromEntries(list.map((m) => [m.userId, m.twoFactor]))).toEqual({ [owner.id]: true, [member.user.id]: false });
    // members_with_two_factor() answers for the current tenant's members only.
    const other = await createWorkspaceWithOwner();
    expect([...(await withTenant(other.ownerCtx, (tx) => membersWithTwoFactor(tx)))]).toEqual([]);
    expect([...(await withTenant(ownerCtx, (tx) => membersWithTwoFactor(tx)))]).toEqual([owner.id]);
  });
});
