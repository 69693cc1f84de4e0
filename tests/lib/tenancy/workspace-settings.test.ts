import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditLog, workspaces } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { enqueueEvent } from '@/lib/jobs';
import { createOwnedWorkspace } from '@/lib/tenancy/create-workspace';
import { deleteWorkspace } from '@/lib/tenancy/delete-workspace';
import { inviteMember } from '@/lib/tenancy/invitations';
import { currentSlugForOldSlug, redirectedWorkspacePath } from '@/lib/tenancy/slug-redirects';
import { changeWorkspaceSlug, updateWorkspaceGeneral } from '@/lib/tenancy/workspace-settings';
import { findMembershipBySlug } from '@/lib/tenancy/workspaces';
import { systemQuery } from '../../helpers/database';
import { tenantTables } from '../../helpers/tenant-tables';
import { addMember, createUser, createWorkspaceWithOwner, inWorkspace, meta, outcome } from './support';

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

describe('deleting', () => {
  it('needs the exact name and an owner', async () => {
    const { workspace, ownerCtx } = await createWorkspaceWithOwner();
    const admin = await addMember(workspace.id, 'admin');
    expect(await outcome(withSystem('test: delete workspace', (tx) => deleteWorkspace(tx, admin.ctx, workspace.name, meta)))).toBe('forbidden');
    expect(await outcome(withSystem('test: delete workspace', (tx) => deleteWorkspace(tx, ownerCtx, 'team space', meta)))).toBe('validation_failed');
    expect(await slugOf(workspace.id)).toBe(workspace.slug);
  });

  it('removes every tenant row of the workspace and nothing of others', async () => {
    const { workspace, ownerCtx, owner } = await createWorkspaceWithOwner();
    const bystander = await createWorkspaceWithOwner();
    await addMember(workspace.id, 'member');
    await inWorkspace(ownerCtx, (tx) => inviteMember(tx, ownerCtx, { email: 'pending@example.test', role: 'member' }, meta));
    await inWorkspace(ownerCtx, (tx) => changeWorkspaceSlug(tx, ownerCtx, `gone-${crypto.randomUUID().slice(0, 6)}`, meta));
    await withSystem('test', (tx) => enqueueEvent(tx, { name: 'platform/hello.requested', data: {}, tenantId: workspace.id }));

    await withSystem('test: delete workspace', (tx) => deleteWorkspace(tx, ownerCtx, workspace.name, meta));

    for (const table of await tenantTables()) {
      const [row] = await systemQuery<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)} where tenant_id = ${workspace.id}`);
      expect(row!.n, table).toBe(0);
    }
    expect(await slugOf(workspace.id)).toBeUndefined();
    expect(await slugOf(bystander.workspace.id)).toBe(bystander.workspace.slug);
    const [trail] = await systemQuery<{ action: string }>(
      sql`select action from audit_log where chain = ${`u:${owner.id}`} order by seq desc limit 1`,
    );
    expect(trail?.action).toBe('workspace.deleted');
  });
});
