import { and, eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { invitations, memberships, users, workspaces } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import type { SessionUser } from '@/lib/tenancy/session';
import { templatesSentTo } from '../auth/support/mailbox';
import { asSessionUser, form, submit } from './support';

// The app's own tenancy actions, end to end through their wrappers: one transaction each, email
// after commit, system work only where app_user may not go.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/tenancy/session', async () => (await import('./support')).sessionModule(session));
vi.mock('next/headers', async () => (await import('./support')).headersModule());
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const members = await import('@/app/(app)/w/[workspace]/settings/members/actions');
const settings = await import('@/app/(app)/w/[workspace]/settings/actions');
const jobs = await import('@/app/(app)/w/[workspace]/settings/jobs/actions');
const onboarding = await import('@/app/(app)/onboarding/actions');
const invite = await import('@/app/(auth)/invite/[token]/actions');
const { invitationPageFor } = await import('@/lib/tenancy/signed-in');
const { addMember, createUser, createWorkspaceWithOwner } = await import('../tenancy/support');

async function invitationsTo(email: string) {
  return withSystem('test: read', (tx) => tx.select().from(invitations).where(eq(invitations.email, email)));
}

describe('inviting through the action', () => {
  it('an unverified inviter is refused before anything is written or sent', async () => {
    const { workspace } = await createWorkspaceWithOwner();
    const admin = await addMember(workspace.id, 'admin', { verified: false });
    session.user = asSessionUser(admin.user);
    const email = `guest-${crypto.randomUUID().slice(0, 8)}@example.test`;
    const { result } = await submit(members.inviteMemberAction, form({ workspace: workspace.slug, email, role: 'member' }));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Verify your email before inviting.' } });
    expect(await invitationsTo(email)).toEqual([]);
    expect(await templatesSentTo(email)).toEqual([]);
  });

  it('the invitation commits, then the email goes out; the invitee accepts with one system transaction', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    const invitee = await createUser();
    session.user = asSessionUser(owner);
    const { result } = await submit(members.inviteMemberAction, form({ workspace: workspace.slug, email: invitee.email, role: 'admin' }));
    expect(result).toEqual({ ok: true, data: { email: invitee.email } });
    expect(await templatesSentTo(invitee.email)).toEqual(['invitation']);

    // A refused second invite (already invited is fine; already a member is a conflict) sends nothing more.
    const { result: again } = await submit(members.inviteMemberAction, form({ workspace: workspace.slug, email: owner.email, role: 'member' }));
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' }, fieldErrors: { email: [expect.any(String)] } });
    expect(await templatesSentTo(owner.email)).not.toContain('invitation');

    const [row] = await invitationsTo(invitee.email);
    expect(row?.role).toBe('admin');
  });

  it('the invite page and acceptance run without a tenant transaction of their own', async () => {
    const { workspace, owner, ownerCtx } = await createWorkspaceWithOwner();
    const invitee = await createUser();
    const { inviteMember } = await import('@/lib/tenancy/invitations');
    const { inWorkspace, meta } = await import('../tenancy/support');
    const created = await inWorkspace(ownerCtx, (tx, ctx) => inviteMember(tx, ctx, { email: invitee.email, role: 'member' }, meta));

    const before = await invitationPageFor(created.token, asSessionUser(invitee));
    expect(before).toMatchObject({ invitation: { status: 'open', workspace: { slug: workspace.slug } }, alreadyMember: false });

    session.user = asSessionUser(invitee);
    expect(await submit(invite.acceptInvitationAction, form({ token: created.token }))).toEqual({ redirect: `/w/${workspace.slug}` });
    expect(await invitationPageFor(created.token, asSessionUser(invitee))).toMatchObject({ invitation: { status: 'accepted' }, alreadyMember: true });
    expect(await invitationPageFor(created.token, asSessionUser(owner))).toMatchObject({ alreadyMember: true });
    expect(await invitationPageFor('junk', null)).toEqual({ invitation: null, alreadyMember: false });
  });
});

describe('workspace settings through the actions', () => {
  it('changing the address runs as the tenant and leaves a redirect; a taken address is a field error', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    const other = await createWorkspaceWithOwner();
    session.user = asSessionUser(owner);
    const next = `moved-${crypto.randomUUID().slice(0, 6)}`;
    expect(await submit(settings.changeSlugAction, form({ workspace: workspace.slug, slug: next }))).toEqual({ redirect: `/w/${next}/settings` });
    const { result } = await submit(settings.changeSlugAction, form({ workspace: next, slug: other.workspace.slug }));
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' }, fieldErrors: { slug: ['That address is taken. Choose another.'] } });
    // The old address now redirects its members (requireWorkspace resolves it).
    expect(await submit(settings.updateGeneralAction, form({ workspace: workspace.slug, name: 'Renamed', timezone: 'UTC', currency: 'EUR' }))).toMatchObject({
      redirect: `/w/${next}`,
    });
  });

  it('two workspaces racing for one address: one gets it, the other a conflict', async () => {
    const a = await createWorkspaceWithOwner();
    const b = await createWorkspaceWithOwner();
    const { changeWorkspaceSlug } = await import('@/lib/tenancy/workspace-settings');
    const { inWorkspace, meta, outcome } = await import('../tenancy/support');
    const wanted = `race-${crypto.randomUUID().slice(0, 6)}`;
    const results = await Promise.all(
      [a, b].map((w) => outcome(inWorkspace(w.ownerCtx, (tx, ctx) => changeWorkspaceSlug(tx, ctx, wanted, meta)))),
    );
    expect(results.sort()).toEqual(['conflict', 'ok']);
  });

  it('scheduling a deletion makes the workspace read-only for every other action until an owner cancels', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    session.user = asSessionUser(owner);
    const { result } = await submit(settings.scheduleDeletionAction, form({ workspace: workspace.slug, confirmation: 'wrong' }));
    expect(result).toMatchObject({ ok: false, fieldErrors: { confirmation: [expect.any(String)] } });
    expect((await submit(settings.scheduleDeletionAction, form({ workspace: workspace.slug, confirmation: workspace.name }))).result).toMatchObject({ ok: true });
    const [row] = await withSystem('test: read', (tx) => tx.select().from(workspaces).where(eq(workspaces.id, workspace.id)));
    expect(row!.deletionScheduledFor!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const rename = () => submit(settings.updateGeneralAction, form({ workspace: workspace.slug, name: 'Renamed', timezone: 'UTC', currency: 'USD' }));
    expect((await rename()).result).toMatchObject({ ok: false, error: { code: 'workspace_read_only', message: expect.stringContaining('scheduled for deletion') } });
    expect((await submit(settings.cancelDeletionAction, form({ workspace: workspace.slug }))).result).toMatchObject({ ok: true });
    expect((await rename()).result).toMatchObject({ ok: true });
  });

  it('running the platform check enqueues its event with the action', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    session.user = asSessionUser(owner);
    const { result } = await submit(jobs.runHelloAction, form({ workspace: workspace.slug }));
    expect(result).toMatchObject({ ok: true, data: { eventId: expect.any(String) } });
  });
});

describe('onboarding through the actions', () => {
  it('step 1 saves the profile and creates the first workspace together; finishing marks onboarding done', async () => {
    const user = await createUser();
    session.user = asSessionUser(user);
    const name = `Household ${crypto.randomUUID().slice(0, 6)}`;
    const started = await submit(onboarding.startOnboardingAction, form({ profileName: 'Robin', name, timezone: 'Europe/Berlin', currency: 'EUR' }));
    expect(started.redirect).toMatch(/^\/onboarding\?step=2&w=household-/);
    const slug = decodeURIComponent(new URL(`http://x${started.redirect}`).searchParams.get('w')!);
    const [row] = await withSystem('test: read', (tx) =>
      tx
        .select({ name: users.name, timezone: users.timezone, role: memberships.role })
        .from(users)
        .innerJoin(memberships, eq(memberships.userId, users.id))
        .innerJoin(workspaces, and(eq(workspaces.id, memberships.tenantId), eq(workspaces.slug, slug)))
        .where(eq(users.id, user.id)),
    );
    expect(row).toEqual({ name: 'Robin', timezone: 'Europe/Berlin', role: 'owner' });

    expect(await submit(onboarding.finishOnboardingAction, form({ w: slug, next: 'money' }))).toEqual({ redirect: `/w/${slug}/money` });
    const [after] = await withSystem('test: read', (tx) => tx.select({ onboardedAt: users.onboardedAt }).from(users).where(eq(users.id, user.id)));
    expect(after!.onboardedAt).not.toBeNull();
  });
});
