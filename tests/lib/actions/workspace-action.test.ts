import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { outbox, workspaces } from '@/db/schema';
import { inTransaction, withSystem, withTenant } from '@/db/tenant';
import { secret } from '@/lib/actions/secret';
import { formList } from '@/lib/actions/form-data';
import { AppError } from '@/lib/errors/app-error';
import type { SessionUser } from '@/lib/tenancy/session';
import { addMember, createWorkspaceWithOwner } from '../tenancy/support';
import { asSessionUser, form, submit } from './support';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/tenancy/session', async () => (await import('./support')).sessionModule(session));
vi.mock('next/headers', async () => (await import('./support')).headersModule());
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

// The billing hooks, with a switch to refuse: today every workspace has every feature and no quota.
const billing = vi.hoisted(() => ({ refuseFeature: false, refuseQuota: false, consumed: [] as Array<{ quota: string; amount: number }> }));
vi.mock('@/lib/billing/gates', () => ({
  assertFeature: async () => {
    if (billing.refuseFeature) throw new AppError('payment_required', 'Your plan does not include this. Upgrade to use it.');
  },
  consumeQuota: async (_tx: unknown, _tenantId: string, quota: string, amount: number) => {
    if (billing.refuseQuota) throw new AppError('payment_required', 'This month’s quota is used up.');
    billing.consumed.push({ quota, amount });
    // Replayed: nothing for the wrapper to refresh after commit.
    return { tenantId: _tenantId, metric: quota, period: '2026-12-01', amount, used: amount, quota: null, operationId: 'op', replayed: true };
  },
}));

// The real after-commit dispatch, counted, with whether a transaction was open when it was called.
const dispatch = vi.hoisted(() => ({ calls: [] as boolean[] }));
vi.mock('@/lib/jobs/outbox', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/jobs/outbox')>();
  const { inTransaction: open } = await import('@/db/tenant');
  return {
    ...real,
    dispatchAfterResponse: () => {
      dispatch.calls.push(open());
      return real.dispatchAfterResponse();
    },
  };
});

const { workspaceAction } = await import('@/lib/actions/workspace-action');
const { enqueueEvent, outboxDispatchSettled } = await import('@/lib/jobs/outbox');
const { changeMemberRole } = await import('@/lib/tenancy/members');
const { recordWorkspaceAudit } = await import('@/lib/audit');
const { rolesOf, meta } = await import('../tenancy/support');

async function nameOf(id: string): Promise<string | undefined> {
  const [row] = await withSystem('test: read', (tx) => tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, id)));
  return row?.name;
}

async function outboxRow(id: string) {
  const [row] = await withSystem('test: read', (tx) => tx.select().from(outbox).where(eq(outbox.id, id)));
  return row;
}

/** An owner signed in, in their own workspace. */
async function signedInOwner() {
  const setup = await createWorkspaceWithOwner();
  session.user = asSessionUser(setup.owner);
  return setup;
}

const rename = workspaceAction(
  { input: z.object({ name: z.string().trim().min(3, 'Use at least 3 characters.') }), permission: 'workspace.update' },
  async ({ input, tx, access }) => {
    await tx.update(workspaces).set({ name: input.name }).where(eq(workspaces.id, access.ctx.tenantId));
    return { renamed: input.name };
  },
);

describe('workspaceAction: input', () => {
  const received = vi.fn();
  const upload = workspaceAction(
    {
      input: z.object({
        title: z.string().min(3, 'Use at least 3 characters.'),
        apiSecret: secret(z.string().min(8, 'Use at least 8 characters.')),
        discountCode: z.string().min(4, 'Use at least 4 characters.'),
        tags: formList(z.enum(['a', 'b', 'c'])),
        file: z.instanceof(File, { message: 'Choose a file.' }),
      }),
      permission: 'workspace.read',
    },
    async ({ input }) => {
      received(input);
      return { size: input.file.size, tags: input.tags };
    },
  );

  it('returns field errors and echoes what was typed, except secret() fields and files', async () => {
    const { workspace } = await signedInOwner();
    const { result } = await submit(upload, form({ workspace: workspace.slug, title: 'x', apiSecret: 'short', discountCode: 'no', tags: ['a', 'z'] }));
    expect(result).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    if (!result || result.ok) throw new Error('expected a failure');
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(['apiSecret', 'discountCode', 'file', 'tags', 'title']);
    expect(result.values).toEqual({ workspace: workspace.slug, title: 'x', discountCode: 'no', tags: 'a,z' });
    expect(received).not.toHaveBeenCalled();
  });

  it('hands File values and repeated keys to the schema', async () => {
    const { workspace } = await signedInOwner();
    const file = new File(['name,amount\nrent,1200\n'], 'budget.csv', { type: 'text/csv' });
    const { result } = await submit(
      upload,
      form({ workspace: workspace.slug, title: 'Import', apiSecret: 'long-enough', discountCode: 'SAVE10', tags: ['a', 'c'], file }),
    );
    expect(result).toEqual({ ok: true, data: { size: file.size, tags: ['a', 'c'] } });
    expect(received.mock.calls[0]![0].file).toBeInstanceOf(File);
  });

  it('refuses a form without its workspace field', async () => {
    await signedInOwner();
    expect((await submit(rename, form({ name: 'Nope' }))).result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  });
});

describe('workspaceAction: permission', () => {
  it('a refused role gets forbidden, the handler never runs and nothing is written', async () => {
    const { workspace } = await createWorkspaceWithOwner();
    const viewer = await addMember(workspace.id, 'viewer');
    session.user = asSessionUser(viewer.user);
    const { result } = await submit(rename, form({ workspace: workspace.slug, name: 'Taken over' }));
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: 'Your role in this workspace does not allow that.' } });
    expect(await nameOf(workspace.id)).toBe(workspace.name);
  });

  it('a non-member gets the 404 of a workspace that does not exist', async () => {
    const { workspace } = await createWorkspaceWithOwner();
    await signedInOwner();
    expect(await submit(rename, form({ workspace: workspace.slug, name: 'Mine now' }))).toEqual({ notFound: true });
    expect(await nameOf(workspace.id)).toBe(workspace.name);
  });
});

describe('workspaceAction: errors', () => {
  const failing = (error: unknown) =>
    workspaceAction({ input: z.object({ name: z.string() }), permission: 'workspace.update' }, async ({ input, tx, access }) => {
      await tx.update(workspaces).set({ name: input.name }).where(eq(workspaces.id, access.ctx.tenantId));
      throw error;
    });

  it('an AppError with details.field becomes a field error, and the transaction is rolled back', async () => {
    const { workspace } = await signedInOwner();
    const action = failing(new AppError('conflict', 'That name is taken.', { field: 'name' }));
    const { result } = await submit(action, form({ workspace: workspace.slug, name: 'Half done' }));
    expect(result).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'That name is taken.' },
      fieldErrors: { name: ['That name is taken.'] },
      values: { workspace: workspace.slug, name: 'Half done' },
    });
    expect(await nameOf(workspace.id)).toBe(workspace.name);
  });

  it('an unexpected error is a generic message (details only in the log), rolled back', async () => {
    const { workspace } = await signedInOwner();
    const { result } = await submit(failing(new Error('relation "x" does not exist: select secret')), form({ workspace: workspace.slug, name: 'Oops' }));
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } });
    expect(await nameOf(workspace.id)).toBe(workspace.name);
  });

  it('opening a second transaction inside the handler is refused at once, not a hang', async () => {
    const { workspace } = await signedInOwner();
    const nested = workspaceAction({ input: z.object({}), permission: 'workspace.update' }, async ({ tx, access }) => {
      await tx.update(workspaces).set({ name: 'Outer write' }).where(eq(workspaces.id, access.ctx.tenantId));
      return withTenant(access.ctx, async () => 'inner');
    });
    const started = Date.now();
    const { result } = await submit(nested, form({ workspace: workspace.slug }));
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await nameOf(workspace.id)).toBe(workspace.name);
  });

  it('a redirect commits first, then redirects', async () => {
    const { workspace } = await signedInOwner();
    const { redirect } = await import('next/navigation');
    const action = workspaceAction({ input: z.object({}), permission: 'workspace.update' }, async ({ tx, access }) => {
      await tx.update(workspaces).set({ name: 'Moved on' }).where(eq(workspaces.id, access.ctx.tenantId));
      redirect('/w');
    });
    expect(await submit(action, form({ workspace: workspace.slug }))).toEqual({ redirect: '/w' });
    expect(await nameOf(workspace.id)).toBe('Moved on');
  });
});

describe('workspaceAction: rate limit', () => {
  it('refuses past the policy with rate_limited, counted per user, without running the handler', async () => {
    const handler = vi.fn(async () => null);
    // verifyResendUser: 3 per 15 minutes.
    const limited = workspaceAction({ input: z.object({}), permission: 'workspace.read', rateLimit: 'verifyResendUser' }, handler);
    const { workspace } = await signedInOwner();
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { result } = await submit(limited, form({ workspace: workspace.slug }));
      codes.push(result?.ok ? 'ok' : result!.error.code);
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', 'rate_limited']);
    expect(handler).toHaveBeenCalledTimes(3);
    // Another person in the same workspace has their own budget.
    const other = await addMember(workspace.id, 'member');
    session.user = asSessionUser(other.user);
    expect((await submit(limited, form({ workspace: workspace.slug }))).result).toMatchObject({ ok: true });
  });
});

describe('workspaceAction: verified email', () => {
  it('refuses an unverified actor before any transaction', async () => {
    const { workspace } = await createWorkspaceWithOwner();
    const admin = await addMember(workspace.id, 'admin', { verified: false });
    session.user = asSessionUser(admin.user);
    const handler = vi.fn(async () => null);
    const gated = workspaceAction({ input: z.object({}), permission: 'members.invite', verifiedEmail: 'invite' }, handler);
    const { result } = await submit(gated, form({ workspace: workspace.slug }));
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Verify your email before inviting.' } });
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('workspaceAction: feature and quota gates', () => {
  const gated = workspaceAction(
    {
      input: z.object({ name: z.string(), rows: z.coerce.number().int() }),
      permission: 'workspace.update',
      feature: 'money.import',
      quota: { quota: 'money.imported_rows', amount: (input) => input.rows },
    },
    async ({ input, tx, access }) => {
      await tx.update(workspaces).set({ name: input.name }).where(eq(workspaces.id, access.ctx.tenantId));
      return null;
    },
  );

  it('a missing feature is payment_required, and nothing changes', async () => {
    const { workspace } = await signedInOwner();
    billing.refuseFeature = true;
    try {
      const { result } = await submit(gated, form({ workspace: workspace.slug, name: 'Paid feature', rows: '10' }));
      expect(result).toMatchObject({ ok: false, error: { code: 'payment_required', message: 'Your plan does not include this. Upgrade to use it.' } });
    } finally {
      billing.refuseFeature = false;
    }
    expect(await nameOf(workspace.id)).toBe(workspace.name);
  });

  it('a used-up quota is payment_required, and nothing changes', async () => {
    const { workspace } = await signedInOwner();
    billing.refuseQuota = true;
    try {
      const { result } = await submit(gated, form({ workspace: workspace.slug, name: 'Over quota', rows: '10' }));
      expect(result).toMatchObject({ ok: false, error: { code: 'payment_required' } });
    } finally {
      billing.refuseQuota = false;
    }
    expect(await nameOf(workspace.id)).toBe(workspace.name);
  });

  it('consumes the amount the input declares when allowed', async () => {
    const { workspace } = await signedInOwner();
    billing.consumed.length = 0;
    expect((await submit(gated, form({ workspace: workspace.slug, name: 'Imported', rows: '250' }))).result).toEqual({ ok: true, data: null });
    expect(billing.consumed).toEqual([{ quota: 'money.imported_rows', amount: 250 }]);
    expect(await nameOf(workspace.id)).toBe('Imported');
  });
});

describe('workspaceAction: after commit', () => {
  const emitting = (fail: boolean, ids: string[]) =>
    workspaceAction({ input: z.object({}), permission: 'jobs.run' }, async ({ tx, access }) => {
      ids.push(await enqueueEvent(tx, { name: 'test/thing.happened', data: { n: 1 }, tenantId: access.ctx.tenantId }));
      if (fail) throw new AppError('conflict', 'Changed my mind.');
      return null;
    });

  it('an event enqueued in the handler is dispatched once the transaction has committed', async () => {
    const { workspace } = await signedInOwner();
    const ids: string[] = [];
    dispatch.calls.length = 0;
    expect((await submit(emitting(false, ids), form({ workspace: workspace.slug }))).result).toEqual({ ok: true, data: null });
    expect(dispatch.calls).toEqual([false]);
    await outboxDispatchSettled();
    expect((await outboxRow(ids[0]!))?.dispatchedAt).not.toBeNull();
  });

  it('a handler that throws leaves no event and schedules no dispatch', async () => {
    const { workspace } = await signedInOwner();
    const ids: string[] = [];
    dispatch.calls.length = 0;
    expect((await submit(emitting(true, ids), form({ workspace: workspace.slug }))).result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(ids).toHaveLength(1);
    expect(await outboxRow(ids[0]!)).toBeUndefined();
    expect(dispatch.calls).toEqual([]);
  });

  it('an action that writes no events schedules no dispatch', async () => {
    const { workspace } = await signedInOwner();
    dispatch.calls.length = 0;
    expect((await submit(rename, form({ workspace: workspace.slug, name: 'Quiet change' }))).result).toMatchObject({ ok: true });
    expect(dispatch.calls).toEqual([]);
  });

  it('afterCommit work runs outside the transaction, after the commit, and its AppError is the message', async () => {
    const { workspace } = await signedInOwner();
    const seen: Array<{ open: boolean; name: string | undefined }> = [];
    const action = workspaceAction({ input: z.object({}), permission: 'workspace.update' }, async ({ tx, access, afterCommit }) => {
      await tx.update(workspaces).set({ name: 'Saved first' }).where(eq(workspaces.id, access.ctx.tenantId));
      afterCommit(async () => {
        seen.push({ open: inTransaction(), name: await nameOf(access.ctx.tenantId) });
        throw new AppError('internal', 'Saved, but the email could not be sent.');
      });
      return null;
    });
    const { result } = await submit(action, form({ workspace: workspace.slug }));
    expect(result).toMatchObject({ ok: false, error: { message: 'Saved, but the email could not be sent.' } });
    expect(seen).toEqual([{ open: false, name: 'Saved first' }]);
    expect(await nameOf(workspace.id)).toBe('Saved first');
  });
});

describe('one transaction across modules', () => {
  it('a tenancy command and an audit write commit together, or roll back together when the second fails', async () => {
    const { workspace, owner } = await signedInOwner();
    const member = await addMember(workspace.id, 'member');
    const promoteAndRecord = (failAfter: boolean) =>
      workspaceAction({ input: z.object({ userId: z.uuid() }), permission: 'members.manage' }, async ({ input, tx, access }) => {
        await changeMemberRole(tx, access.ctx, { userId: input.userId, role: 'admin' }, meta);
        await recordWorkspaceAudit(tx, access.ctx.tenantId, { action: 'workspace.updated', actorUserId: owner.id, metadata: { note: 'promoted' } });
        if (failAfter) throw new AppError('conflict', 'The journal refused the entry.');
        return null;
      });

    expect((await submit(promoteAndRecord(true), form({ workspace: workspace.slug, userId: member.user.id }))).result).toMatchObject({ ok: false });
    expect((await rolesOf(workspace.id))[member.user.id]).toBe('member');
    expect(await auditActions(workspace.id)).toEqual(['workspace.created']);

    expect((await submit(promoteAndRecord(false), form({ workspace: workspace.slug, userId: member.user.id }))).result).toMatchObject({ ok: true });
    expect((await rolesOf(workspace.id))[member.user.id]).toBe('admin');
    expect(await auditActions(workspace.id)).toEqual(['workspace.created', 'member.role_changed', 'workspace.updated']);
  });
});

async function auditActions(tenantId: string): Promise<string[]> {
  const { auditLog } = await import('@/db/schema');
  const rows = await withSystem('test: read', (tx) =>
    tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.tenantId, tenantId)).orderBy(auditLog.seq),
  );
  return rows.map((r) => r.action);
}
