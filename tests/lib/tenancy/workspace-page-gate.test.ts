import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { workspaceSlugRedirects } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { workspacePageGate, workspacePagePath, workspacePagePermission } from '@/lib/tenancy/workspace-page-gate';
import { addMember, createUser, createWorkspaceWithOwner } from './support';

/** The gate's verdict alone ('pass', 'not_found' or where it redirects); what a pass forwards is tested below. */
async function gate(userId: string, pathname: string): Promise<string> {
  const verdict = await workspacePageGate(userId, pathname);
  return verdict === 'not_found' ? verdict : 'redirect' in verdict ? verdict.redirect : 'pass';
}

describe('workspacePageGate (decided before a workspace page renders)', () => {
  it('a pass carries the membership it read, for the page; a path outside a workspace carries none', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    const verdict = await workspacePageGate(owner.id, `/w/${workspace.slug}/settings`);
    expect(verdict).not.toBe('not_found');
    if (verdict === 'not_found' || 'redirect' in verdict) return;
    expect(verdict.membership?.slug).toBe(workspace.slug);
    expect(verdict.membership?.found.current).toMatchObject({ id: workspace.id, role: 'owner' });
    expect(await workspacePageGate(owner.id, '/account')).toEqual({ membership: null });
  });

  it('passes a member and refuses a stranger on every page of the workspace', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    const stranger = await createUser();
    for (const path of ['', '/settings', '/settings/members', '/bots', '/no-such-page']) {
      expect(await gate(owner.id, `/w/${workspace.slug}${path}`)).toBe('pass');
      expect(await gate(stranger.id, `/w/${workspace.slug}${path}`)).toBe('not_found');
    }
  });

  it('refuses a role without the page permission, on the page and below it', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    const viewer = await addMember(workspace.id, 'viewer');
    const admin = await addMember(workspace.id, 'admin');
    expect(await gate(viewer.user.id, `/w/${workspace.slug}/settings`)).toBe('pass');
    expect(await gate(viewer.user.id, `/w/${workspace.slug}/settings/audit`)).toBe('not_found');
    expect(await gate(viewer.user.id, `/w/${workspace.slug}/settings/audit/export`)).toBe('not_found');
    expect(await gate(admin.user.id, `/w/${workspace.slug}/settings/audit`)).toBe('pass');
    expect(await gate(owner.id, `/w/${workspace.slug}/settings/audit`)).toBe('pass');
  });

  it('lets a member through an old address (the page redirects) and refuses anyone else', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    const oldSlug = `old-${randomUUID().slice(0, 8)}`;
    await withSystem('test: test fixture', (tx) => tx.insert(workspaceSlugRedirects).values({ tenantId: workspace.id, oldSlug }));
    expect(await gate(owner.id, `/w/${oldSlug}/settings`)).toBe('pass');
    expect(await gate((await createUser()).id, `/w/${oldSlug}/settings`)).toBe('not_found');
  });

  it('refuses a malformed slug and leaves every other path alone', async () => {
    const user = await createUser();
    expect(await gate(user.id, '/w/Not_A_Slug')).toBe('not_found');
    expect(await gate(user.id, '/w/%E0%A4%A')).toBe('not_found');
    expect(await gate(user.id, '/w')).toBe('pass');
    expect(await gate(user.id, '/account/security')).toBe('pass');
  });
});

describe('workspace page paths and permissions', () => {
  it('splits the slug from the page and finds the longest listed prefix', () => {
    expect(workspacePagePath('/w/demo')).toEqual({ slug: 'demo', subPath: '' });
    expect(workspacePagePath('/w/demo/settings/audit')).toEqual({ slug: 'demo', subPath: 'settings/audit' });
    expect(workspacePagePath('/wx/demo')).toBeNull();
    expect(workspacePagePermission('')).toBe('workspace.read');
    expect(workspacePagePermission('settings')).toBe('workspace.read');
    expect(workspacePagePermission('settings/audit')).toBe('audit.read');
    expect(workspacePagePermission('settings/audit/2026')).toBe('audit.read');
    expect(workspacePagePermission('settings/auditors')).toBe('workspace.read');
  });
});
