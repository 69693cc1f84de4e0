import { describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { invitations, memberships } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { acceptInvitation, previewInvitation } from '@/lib/tenancy/accept-invitation';
import { renderInvitationEmail } from '@/lib/tenancy/invitation-email';
import { hashInvitationToken, newInvitationToken } from '@/lib/tenancy/invitation-tokens';
import { inviteMember, listPendingInvitations, resendInvitation, revokeInvitation } from '@/lib/tenancy/invitations';
import { seatLimitFor } from '@/lib/tenancy/seat-limit';
import { addMember, createUser, createWorkspaceWithOwner, invitationRow, inWorkspace, meta, outcome } from './support';

async function membersOf(tenantId: string, userId?: string): Promise<number> {
  const rows = await withSystem('test: test read', (tx) =>
    tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.tenantId, tenantId), userId ? eq(memberships.userId, userId) : undefined)),
  );
  return rows.length;
}

async function invited(role: 'member' | 'admin' = 'member') {
  const setup = await createWorkspaceWithOwner();
  const invitee = await createUser();
  const invitation = await inWorkspace(setup.ownerCtx, (tx) => inviteMember(tx, setup.ownerCtx, { email: invitee.email.toUpperCase(), role }, meta));
  return { ...setup, invitee, invitation };
}

describe('inviting', () => {
  it('stores only the hash of a 32-byte token, expiring in seven days', async () => {
    const { invitation } = await invited();
    expect(invitation.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await invitationRow(invitation.invitationId);
    expect(row.tokenHash).toBe(hashInvitationToken(invitation.token));
    expect(row.tokenHash).not.toContain(invitation.token);
    const days = (row.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect(row.email).toBe(invitation.to);
    expect(row.email).toBe(row.email.toLowerCase());
  });

  it('inviting the same address again reuses the open invitation with a new token', async () => {
    const { ownerCtx, invitation, invitee } = await invited();
    const again = await inWorkspace(ownerCtx, (tx) => inviteMember(tx, ownerCtx, { email: invitee.email, role: 'admin' }, meta));
    expect(again.invitationId).toBe(invitation.invitationId);
    expect(await withSystem('test: preview invitation', (tx) => previewInvitation(tx, invitation.token))).toBeNull();
    expect((await withSystem('test: preview invitation', (tx) => previewInvitation(tx, again.token)))?.role).toBe('admin');
  });

  it('refuses someone who is already a member', async () => {
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    const member = await addMember(workspace.id, 'member');
    expect(await outcome(inWorkspace(ownerCtx, (tx) => inviteMember(tx, ownerCtx, { email: member.user.email, role: 'member' }, meta)))).toBe('conflict');
  });

  it('resend issues a new token and extends the expiry on the same row', async () => {
    const { ownerCtx, invitation } = await invited();
    await withSystem('test', (tx) =>
      tx.update(invitations).set({ expiresAt: sql`now() - interval '1 day'` }).where(eq(invitations.id, invitation.invitationId)),
    );
    const resent = await inWorkspace(ownerCtx, (tx) => resendInvitation(tx, ownerCtx, { invitationId: invitation.invitationId }, meta));
    expect(resent.invitationId).toBe(invitation.invitationId);
    expect(resent.token).not.toBe(invitation.token);
    expect((await withSystem('test: preview invitation', (tx) => previewInvitation(tx, resent.token)))?.status).toBe('open');
    expect(await withSystem('test: preview invitation', (tx) => previewInvitation(tx, invitation.token))).toBeNull();
  });

  it('lists pending invitations and drops revoked ones', async () => {
    const { ownerCtx, invitation } = await invited();
    expect((await withTenant(ownerCtx, (tx) => listPendingInvitations(tx))).map((i) => i.id)).toEqual([invitation.invitationId]);
    await inWorkspace(ownerCtx, (tx) => revokeInvitation(tx, ownerCtx, { invitationId: invitation.invitationId }, meta));
    expect(await withTenant(ownerCtx, (tx) => listPendingInvitations(tx))).toEqual([]);
  });

  it('the email carries the accept link', async () => {
    const { token } = newInvitationToken();
    const email = await renderInvitationEmail({
      to: 'a@example.test',
      token,
      workspaceName: 'Acme <Co>',
      inviterName: 'Dana',
      role: 'admin',
      expiresAt: new Date(),
    });
    expect(email.text).toContain(`/invite/${token}`);
    expect(email.html).toContain(`/invite/${token}`);
    expect(email.html).toContain('Acme &lt;Co&gt;');
    expect(email.subject).toContain('Acme <Co>');
  });
});

describe('accepting', () => {
  it('joins with the invited role and marks the invitation used', async () => {
    const { workspace, invitee, invitation } = await invited('admin');
    const result = await withSystem('test: accept invitation', (tx) => acceptInvitation(tx, invitee, invitation.token, meta));
    expect(result.workspaceSlug).toBe(workspace.slug);
    const row = await invitationRow(invitation.invitationId);
    expect(row.acceptedBy).toBe(invitee.id);
    expect(row.acceptedAt).not.toBeNull();
    expect(await membersOf(workspace.id, invitee.id)).toBe(1);
    expect((await withSystem('test: preview invitation', (tx) => previewInvitation(tx, invitation.token)))?.status).toBe('accepted');
  });

  it('two concurrent accepts of one token give one membership and one "already used"', async () => {
    const { workspace, invitee, invitation } = await invited();
    const results = await Promise.allSettled([
      withSystem('test: accept invitation', (tx) => acceptInvitation(tx, invitee, invitation.token, meta)),
      withSystem('test: accept invitation', (tx) => acceptInvitation(tx, invitee, invitation.token, meta)),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled');
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(fulfilled).toHaveLength(1);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.reason.message).toMatch(/already been used/);
    expect(await membersOf(workspace.id, invitee.id)).toBe(1);
  });

  it('refuses expired, revoked, used and forged tokens', async () => {
    const expired = await invited();
    await withSystem('test', (tx) =>
      tx.update(invitations).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(invitations.id, expired.invitation.invitationId)),
    );
    await expect(withSystem('test: accept invitation', (tx) => acceptInvitation(tx, expired.invitee, expired.invitation.token, meta))).rejects.toThrow(/expired/);

    const revoked = await invited();
    await inWorkspace(revoked.ownerCtx, (tx) => revokeInvitation(tx, revoked.ownerCtx, { invitationId: revoked.invitation.invitationId }, meta));
    await expect(withSystem('test: accept invitation', (tx) => acceptInvitation(tx, revoked.invitee, revoked.invitation.token, meta))).rejects.toThrow(/revoked/);

    const used = await invited();
    await withSystem('test: accept invitation', (tx) => acceptInvitation(tx, used.invitee, used.invitation.token, meta));
    await expect(withSystem('test: accept invitation', (tx) => acceptInvitation(tx, used.invitee, used.invitation.token, meta))).rejects.toThrow(/already been used/);

    const forged = newInvitationToken().token;
    await expect(withSystem('test: accept invitation', (tx) => acceptInvitation(tx, used.invitee, forged, meta))).rejects.toThrow(/not valid/);
    await expect(withSystem('test: accept invitation', (tx) => acceptInvitation(tx, used.invitee, 'not-a-token', meta))).rejects.toThrow(/not valid/);
    expect(await withSystem('test: preview invitation', (tx) => previewInvitation(tx, forged))).toBeNull();

    expect(await membersOf(expired.workspace.id, expired.invitee.id)).toBe(0);
    expect(await membersOf(revoked.workspace.id, revoked.invitee.id)).toBe(0);
  });

  it('refuses a signed-in user whose email differs', async () => {
    const { workspace, invitation } = await invited();
    const stranger = await createUser();
    expect(await outcome(withSystem('test: accept invitation', (tx) => acceptInvitation(tx, stranger, invitation.token, meta)))).toBe('forbidden');
    expect(await membersOf(workspace.id, stranger.id)).toBe(0);
  });

  it('enforces the seat limit inside the accepting transaction', async () => {
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    const limit = (await withSystem('test: seat limit', (tx) => seatLimitFor(tx, workspace.id)))!;
    // Invite everyone while seats are free, then fill the workspace: the check must happen at accept time.
    const people = await Promise.all([createUser(), createUser()]);
    const invites: Awaited<ReturnType<typeof inviteMember>>[] = [];
    for (const person of people) invites.push(await inWorkspace(ownerCtx, (tx) => inviteMember(tx, ownerCtx, { email: person.email, role: 'member' }, meta)));
    while ((await membersOf(workspace.id)) < limit - 1) await addMember(workspace.id, 'member');

    const results = await Promise.allSettled(people.map((person, i) => withSystem('test: accept invitation', (tx) => acceptInvitation(tx, person, invites[i]!.token, meta))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused?.reason.code).toBe('payment_required');
    expect(await membersOf(workspace.id)).toBe(limit);
    // Inviting is refused too once full.
    expect(await outcome(inWorkspace(ownerCtx, (tx) => inviteMember(tx, ownerCtx, { email: 'late@example.test', role: 'member' }, meta)))).toBe('payment_required');
  });
});
