import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, workspaces } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { createOwnedWorkspace } from '@/lib/tenancy/create-workspace';
import { currentSlugForOldSlug, redirectedWorkspacePath } from '@/lib/tenancy/slug-redirects';
import { changeWorkspaceSlug, updateWorkspaceGeneral } from '@/lib/tenancy/workspace-settings';
import { findMembershipBySlug } from '@/lib/tenancy/workspaces';
import { createUser, createWorkspaceWithOwner, inWorkspace, meta, outcome } from './support';

const slugOf = async (id: string) =>
  (await withSystem('test: test read', (tx) => tx.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, id))))[0]?.slug;

describe('creating', () => {
  it('derives a unique slug from the name', async () => {
    const owner = await createUser();
    const name = `Acme ${crypto.randomUUID().slice(0, 6)}`;
    const a = await withSystem('test: create workspace', (tx) => createOwnedWorkspace(tx, owner.id, { name, timezone: 'Europe/Paris', currency: 'EUR' }, meta));
    const b = await withSystem('test: create workspace', (tx) => createOwnedWorkspace(tx, owner.id, { name, timezone: 'UTC', currency: 'USD' }, meta));
    expect(a.slug).toMatch(/^acme-[a-z0-9]+$/);
    expect(b.slug).toBe(`${a.slug}-2`);
  });
});

describe('general settings', () => {
  it('renames and updates, recording each as its own audit event', async () => {
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    const updated = await inWorkspace(ownerCtx, (tx) => updateWorkspaceGeneral(tx, ownerCtx, { name: 'Renamed', timezone: 'Asia/Tokyo', currency: 'JPY' }, meta));
    expect(updated).toMatchObject({ name: 'Renamed', timezone: 'Asia/Tokyo', currency: 'JPY' });
    const actions = await withSystem('test: test read', (tx) =>
      tx.select({ action: auditLog.action, metadata: auditLog.metadata }).from(auditLog).where(eq(auditLog.tenantId, workspace.id)).orderBy(auditLog.seq),
    );
    expect(actions.map((a) => a.action)).toEqual(['workspace.created', 'workspace.renamed', 'workspace.updated']);
    expect(actions[1]!.metadata).toEqual({ from: workspace.name, to: 'Renamed' });
  });
});

describe('slug change', () => {
  it('moves the workspace and redirects members from the old slug', async () => {
    const { workspace, owner, ownerCtx } = await createWorkspaceWithOwner();
    const next = `moved-${crypto.randomUUID().slice(0, 6)}`;
    await inWorkspace(ownerCtx, (tx) => changeWorkspaceSlug(tx, ownerCtx, next.toUpperCase(), meta));
    expect(await slugOf(workspace.id)).toBe(next);
    const outsider = await createUser();
    await withSystem('test', async (tx) => {
      expect(await findMembershipBySlug(tx, owner.id, workspace.slug)).toBeNull();
      expect(await currentSlugForOldSlug(tx, owner.id, workspace.slug)).toBe(next);
      // Non-members learn nothing: same answer as for a slug that never existed.
      expect(await currentSlugForOldSlug(tx, outsider.id, workspace.slug)).toBeNull();
    });
  });

  it('refuses reserved, malformed and taken slugs, and keeps old slugs for their workspace', async () => {
    const first = await createWorkspaceWithOwner();
    const second = await createWorkspaceWithOwner();
    expect(await outcome(inWorkspace(first.ownerCtx, (tx) => changeWorkspaceSlug(tx, first.ownerCtx, 'settings', meta)))).toBe('validation_failed');
    expect(await outcome(inWorkspace(first.ownerCtx, (tx) => changeWorkspaceSlug(tx, first.ownerCtx, 'Bad Slug!', meta)))).toBe('validation_failed');
    expect(await outcome(inWorkspace(first.ownerCtx, (tx) => changeWorkspaceSlug(tx, first.ownerCtx, second.workspace.slug, meta)))).toBe('conflict');
    const old = first.workspace.slug;
    await inWorkspace(first.ownerCtx, (tx) => changeWorkspaceSlug(tx, first.ownerCtx, `${old}-new`, meta));
    expect(await outcome(inWorkspace(second.ownerCtx, (tx) => changeWorkspaceSlug(tx, second.ownerCtx, old, meta)))).toBe('conflict');
    // The owner of the old slug can go back to it.
    expect(await outcome(inWorkspace(first.ownerCtx, (tx) => changeWorkspaceSlug(tx, first.ownerCtx, old, meta)))).toBe('ok');
    expect(await slugOf(first.workspace.id)).toBe(old);
  });

  it('rewrites the rest of the path onto the new slug', () => {
    expect(redirectedWorkspacePath('/w/old/settings/members?tab=1', 'old', 'new')).toBe('/w/new/settings/members?tab=1');
    expect(redirectedWorkspacePath('/w/old', 'old', 'new')).toBe('/w/new');
    expect(redirectedWorkspacePath('/w/older/x', 'old', 'new')).toBe('/w/new');
    expect(redirectedWorkspacePath(null, 'old', 'new')).toBe('/w/new');
  });
});
