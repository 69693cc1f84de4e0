import { describe, expect, it } from 'vitest';
import { tenantContext, withSystem, withTenant } from '@/db/tenant';
import { listAccountSecurityEvents, listAuditActorOptions, listWorkspaceAudit } from '@/lib/audit/queries';
import { recordAccountAudit, recordWorkspaceAudit } from '@/lib/audit/record';
import { createTenant } from '../../helpers/database';

describe('audit queries', () => {
  it('lists a workspace trail newest first, filtered, in keyset pages', async () => {
    const { user, workspace, outsider } = await createTenant();
    const ctx = tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' });
    await withTenant(ctx, async (tx) => {
      await recordWorkspaceAudit(tx, workspace.id, { action: 'workspace.created', actorUserId: user.id });
      for (let i = 0; i < 5; i += 1) {
        await recordWorkspaceAudit(tx, workspace.id, {
          action: 'member.invited',
          actorUserId: user.id,
          targetType: 'invitation',
          metadata: { n: i },
        });
      }
      await recordWorkspaceAudit(tx, workspace.id, { action: 'member.joined', actorUserId: outsider.id, actorLabel: 'former@example.test' });
    });

    const all = await withTenant(ctx, (tx) => listWorkspaceAudit(tx, workspace.id, { limit: 50 }));
    expect(all.entries.map((e) => e.seq)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(all.nextCursor).toBeNull();
    expect(all.entries[0]).toMatchObject({ actionLabel: 'Member joined', actorLabel: 'former@example.test' });
    expect(all.entries.at(-1)).toMatchObject({ actionLabel: 'Workspace created', actorName: user.name, actorLabel: user.email });

    const first = await withTenant(ctx, (tx) => listWorkspaceAudit(tx, workspace.id, { action: 'member.invited', limit: 2 }));
    expect(first.entries.map((e) => e.metadata['n'])).toEqual([4, 3]);
    const second = await withTenant(ctx, (tx) =>
      listWorkspaceAudit(tx, workspace.id, { action: 'member.invited', limit: 2, cursor: first.nextCursor ?? undefined }),
    );
    expect(second.entries.map((e) => e.metadata['n'])).toEqual([2, 1]);
    const last = await withTenant(ctx, (tx) =>
      listWorkspaceAudit(tx, workspace.id, { action: 'member.invited', limit: 2, cursor: second.nextCursor ?? undefined }),
    );
    expect(last.entries.map((e) => e.metadata['n'])).toEqual([0]);
    expect(last.nextCursor).toBeNull();

    const byOutsider = await withTenant(ctx, (tx) => listWorkspaceAudit(tx, workspace.id, { actorUserId: outsider.id, limit: 10 }));
    expect(byOutsider.entries.map((e) => e.action)).toEqual(['member.joined']);

    const future = new Date(Date.now() + 60_000);
    const none = await withTenant(ctx, (tx) => listWorkspaceAudit(tx, workspace.id, { from: future, limit: 10 }));
    expect(none.entries).toEqual([]);
    const beforeFuture = await withTenant(ctx, (tx) => listWorkspaceAudit(tx, workspace.id, { to: future, limit: 10 }));
    expect(beforeFuture.entries).toHaveLength(7);
  });

  it('rejects options outside the allowed range', async () => {
    const { user, workspace } = await createTenant();
    const ctx = tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' });
    await expect(withTenant(ctx, (tx) => listWorkspaceAudit(tx, workspace.id, { limit: 10_001 }))).rejects.toThrow();
  });

  it('offers the workspace members as actors', async () => {
    const { user, workspace } = await createTenant();
    const ctx = tenantContext({ tenantId: workspace.id, userId: user.id, role: 'owner', via: 'session' });
    const actors = await withTenant(ctx, (tx) => listAuditActorOptions(tx, workspace.id));
    expect(actors).toEqual([{ userId: user.id, label: `${user.name} (${user.email})` }]);
  });

  it("lists only the user's own account events, newest first", async () => {
    const { user, outsider } = await createTenant();
    await withSystem('test', async (tx) => {
      await recordAccountAudit(tx, user.id, { action: 'auth.sign_in.succeeded', actorUserId: user.id, ip: '203.0.113.1', userAgent: 'UA' });
      await recordAccountAudit(tx, user.id, { action: 'auth.password.changed', actorUserId: user.id });
      await recordAccountAudit(tx, outsider.id, { action: 'auth.sign_in.failed', actorUserId: outsider.id });
    });
    const events = await withSystem('test', (tx) => listAccountSecurityEvents(tx, user.id, { limit: 10 }));
    expect(events.map((e) => [e.action, e.actionLabel])).toEqual([
      ['auth.password.changed', 'Password changed'],
      ['auth.sign_in.succeeded', 'Signed in'],
    ]);
    expect(events[1]).toMatchObject({ ip: '203.0.113.1', userAgent: 'UA' });
    const one = await withSystem('test', (tx) => listAccountSecurityEvents(tx, user.id, { limit: 1 }));
    expect(one).toHaveLength(1);
  });
});
