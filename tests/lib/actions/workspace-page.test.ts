import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { users, workspaces } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import type { SessionUser } from '@/lib/tenancy/session';
import { asSessionUser } from './support';

const session = vi.hoisted(() => ({ user: null as SessionUser | null, cookies: {} as Record<string, string> }));
vi.mock('@/lib/tenancy/session', async () => (await import('./support')).sessionModule(session));
vi.mock('next/headers', async () => ({
  ...(await import('./support')).headersModule(),
  cookies: async () => ({ get: (name: string) => (name in session.cookies ? { name, value: session.cookies[name] } : undefined) }),
}));

const { requireWorkspacePage } = await import('@/lib/actions/workspace-page');
const { listMembers } = await import('@/lib/tenancy/members');
const { LAST_WORKSPACE_COOKIE, lastWorkspaceSlug, workspaceSlugInPath } = await import('@/lib/tenancy/last-workspace');
const { default: WorkspacesIndex } = await import('@/app/(app)/w/page');
const { addMember, createUser, createWorkspaceWithOwner } = await import('../tenancy/support');

async function outcomeOf(render: () => Promise<unknown>) {
  try {
    await render();
    return 'rendered';
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? '');
    if (digest.startsWith('NEXT_HTTP_ERROR_FALLBACK;404')) return 'not_found';
    if (digest.startsWith('NEXT_REDIRECT')) return `redirect ${digest.split(';')[2]}`;
    throw error;
  }
}

describe('requireWorkspacePage', () => {
  it('reads the tenant in one read-only transaction', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    const member = await addMember(workspace.id, 'member');
    session.user = asSessionUser(owner);
    const page = await requireWorkspacePage(workspace.slug, 'members.read');
    expect(page.workspace.slug).toBe(workspace.slug);
    expect(page.workspaces.map((w) => w.slug)).toEqual([workspace.slug]);
    const members = await page.read((tx) => listMembers(tx));
    expect(members.map((m) => m.userId).sort()).toEqual([owner.id, member.user.id].sort());

    // Rendering writes nothing: a write inside the page's read fails and changes nothing.
    const refused = await page
      .read((tx) => tx.update(workspaces).set({ name: 'Written by a page' }).where(eq(workspaces.id, workspace.id)))
      .catch((error: { message: string; cause?: { message?: string } }) => error.cause?.message ?? error.message);
    expect(refused).toMatch(/read-only transaction/);
    const [row] = await withSystem('test: read', (tx) => tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspace.id)));
    expect(row!.name).toBe(workspace.name);
  });

  it('a role without the page permission gets the same 404 as a stranger', async () => {
    const { workspace } = await createWorkspaceWithOwner();
    const viewer = await addMember(workspace.id, 'viewer');
    session.user = asSessionUser(viewer.user);
    expect(await outcomeOf(() => requireWorkspacePage(workspace.slug, 'members.read'))).toBe('rendered');
    expect(await outcomeOf(() => requireWorkspacePage(workspace.slug, 'audit.read'))).toBe('not_found');
    session.user = asSessionUser(await createUser());
    expect(await outcomeOf(() => requireWorkspacePage(workspace.slug))).toBe('not_found');
    expect(await outcomeOf(() => requireWorkspacePage('never-existed-here'))).toBe('not_found');
  });
});

describe('the last workspace, remembered in a cookie', () => {
  it('takes the slug from /w/<slug> page paths only', () => {
    expect(workspaceSlugInPath('/w/acme')).toBe('acme');
    expect(workspaceSlugInPath('/w/acme/settings/members')).toBe('acme');
    expect(workspaceSlugInPath('/w')).toBeNull();
    expect(workspaceSlugInPath('/w/')).toBeNull();
    expect(workspaceSlugInPath('/w/Not%20A%20Slug')).toBeNull();
    expect(workspaceSlugInPath('/account')).toBeNull();
    expect(lastWorkspaceSlug('acme-2')).toBe('acme-2');
    expect(lastWorkspaceSlug('<script>')).toBeNull();
    expect(lastWorkspaceSlug(undefined)).toBeNull();
  });

  it('/w goes to the remembered workspace while a member, else the first joined, else onboarding; and writes nothing', async () => {
    const { owner, workspace: first } = await createWorkspaceWithOwner('Alpha Team');
    const second = await createWorkspaceWithOwner('Beta Team');
    await addMemberAs(second.workspace.id, owner.id);
    const foreign = await createWorkspaceWithOwner('Gamma Team');
    session.user = asSessionUser(owner);
    const before = await userRow(owner.id);

    session.cookies = {};
    expect(await outcomeOf(() => WorkspacesIndex())).toBe(`redirect /w/${first.slug}`);
    session.cookies = { [LAST_WORKSPACE_COOKIE]: second.workspace.slug };
    expect(await outcomeOf(() => WorkspacesIndex())).toBe(`redirect /w/${second.workspace.slug}`);
    // A slug the user doesn't belong to is only a hint: ignored.
    session.cookies = { [LAST_WORKSPACE_COOKIE]: foreign.workspace.slug };
    expect(await outcomeOf(() => WorkspacesIndex())).toBe(`redirect /w/${first.slug}`);

    session.user = asSessionUser(await createUser());
    expect(await outcomeOf(() => WorkspacesIndex())).toBe('redirect /onboarding');
    expect(await userRow(owner.id)).toEqual(before);
  });
});

async function addMemberAs(tenantId: string, userId: string) {
  const { memberships } = await import('@/db/schema');
  await withSystem('test: fixture', (tx) => tx.insert(memberships).values({ tenantId, userId, role: 'member', createdAt: sql`now() + interval '1 second'` }));
}

async function userRow(id: string) {
  const [row] = await withSystem('test: read', (tx) => tx.select().from(users).where(eq(users.id, id)));
  return row;
}
