import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { invitations, memberships, users } from '@/db/schema';
import { tenantContext, withSystem, withTenant, type TenantContext, type Tx, type WorkspaceRole } from '@/db/tenant';
import { NO_REQUEST_META } from '@/lib/tenancy/request-meta';
import { createOwnedWorkspace } from '@/lib/tenancy/create-workspace';

export const meta = NO_REQUEST_META;

export async function createUser(options: { verified?: boolean; name?: string } = {}) {
  const tag = randomUUID().slice(0, 8);
  const [user] = await withSystem('test: test fixture', (tx) =>
    tx
      .insert(users)
      .values({
        email: `person-${tag}@example.test`,
        name: options.name ?? `Person ${tag}`,
        emailVerified: options.verified === false ? null : new Date(),
      })
      .returning(),
  );
  return user!;
}

/** A workspace made the way the app makes one, with its owner's context. */
export async function createWorkspaceWithOwner(name = 'Team Space') {
  const owner = await createUser();
  const workspace = await withSystem('test: test fixture', (tx) => createOwnedWorkspace(tx, owner.id, { name, timezone: 'UTC', currency: 'USD' }, meta));
  return { owner, workspace, ownerCtx: ctxFor(workspace.id, owner.id, 'owner') };
}

export async function addMember(tenantId: string, role: WorkspaceRole, options: { verified?: boolean } = {}) {
  const user = await createUser(options);
  await withSystem('test: test fixture', (tx) => tx.insert(memberships).values({ tenantId, userId: user.id, role }));
  return { user, ctx: ctxFor(tenantId, user.id, role) };
}

/** A lib command in one tenant transaction as `ctx`, the way the action wrapper runs it. */
export function inWorkspace<T>(ctx: TenantContext, fn: (tx: Tx, ctx: TenantContext) => Promise<T>): Promise<T> {
  return withTenant(ctx, (tx) => fn(tx, ctx));
}

export function ctxFor(tenantId: string, userId: string, role: WorkspaceRole): TenantContext {
  return tenantContext({ tenantId, userId, role, via: 'session' });
}

export async function rolesOf(tenantId: string): Promise<Record<string, WorkspaceRole>> {
  const rows = await withSystem('test: test read', (tx) =>
    tx.select({ userId: memberships.userId, role: memberships.role }).from(memberships).where(eq(memberships.tenantId, tenantId)),
  );
  return Object.fromEntries(rows.map((r) => [r.userId, r.role]));
}

export async function invitationRow(id: string) {
  const [row] = await withSystem('test: test read', (tx) => tx.select().from(invitations).where(eq(invitations.id, id)));
  return row!;
}

/** The AppError code a call failed with, or 'ok'. */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && error instanceof Error && error.name === 'AppError') return code;
    throw error;
  }
}
