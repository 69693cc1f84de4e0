import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { apiKeys, users } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { assertPlanAllowsKey } from './plan-gate';
import { roleGrantsScope } from './scope-permissions';
import { isApiScope, type ApiScope } from './scopes';
import { apiKeyStatus, workingKeyAt, type ApiKeyStatus } from './status';
import { generateApiKey } from './token';

// Key commands take the entry point's tenant transaction; the permission (api_keys.manage) is
// named once, by the action wrapper. The plan, the scope ceiling of the actor's role and the cap
// are checked here, because the public API and the settings page must agree on them.

/** Working keys a workspace may hold at once (rotating ones count until their grace ends). */
export const MAX_ACTIVE_KEYS = 25;
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

export type ApiKeyListItem = {
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  createdBy: { id: string; name: string | null; email: string } | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  revokedAt: Date | null;
  graceUntil: Date | null;
  rotatedTo: string | null;
  status: ApiKeyStatus;
};

/** A key just made: the only moment its secret exists outside the caller's hands. */
export type IssuedApiKey = { key: ApiKeyListItem; token: string };

const LIST_FIELDS = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  scopes: apiKeys.scopes,
  creatorId: users.id,
  creatorName: users.name,
  creatorEmail: users.email,
  createdAt: apiKeys.createdAt,
  expiresAt: apiKeys.expiresAt,
  lastUsedAt: apiKeys.lastUsedAt,
  lastUsedIp: apiKeys.lastUsedIp,
  revokedAt: apiKeys.revokedAt,
  graceUntil: apiKeys.graceUntil,
  rotatedTo: apiKeys.rotatedTo,
};

type ListRow = Omit<ApiKeyListItem, 'scopes' | 'createdBy' | 'status'> & {
  scopes: string[];
  creatorId: string | null;
  creatorName: string | null;
  creatorEmail: string | null;
};

function toItem(row: ListRow, now: Date): ApiKeyListItem {
  const { creatorId, creatorName, creatorEmail, scopes, ...rest } = row;
  return {
    ...rest,
    scopes: scopes.filter(isApiScope),
    createdBy: creatorId && creatorEmail ? { id: creatorId, name: creatorName, email: creatorEmail } : null,
    status: apiKeyStatus(row, now),
  };
}

/** The workspace's keys, newest first, with their standing at `now`. Never the hash. */
export async function listApiKeys(tx: Tx, now = new Date()): Promise<ApiKeyListItem[]> {
  const rows = await tx.select(LIST_FIELDS).from(apiKeys).leftJoin(users, eq(users.id, apiKeys.createdBy)).orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  return rows.map((row) => toItem(row, now));
}

async function getKeyOrThrow(tx: Tx, keyId: string, now: Date): Promise<ApiKeyListItem> {
  const [row] = await tx.select(LIST_FIELDS).from(apiKeys).leftJoin(users, eq(users.id, apiKeys.createdBy)).where(eq(apiKeys.id, keyId)).limit(1);
  if (!row) throw new AppError('not_found', 'That API key does not exist.');
  return toItem(row, now);
}

/** Serialises key creation per workspace until commit, so two creates can't both pass the cap. */
async function lockKeys(tx: Tx, tenantId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`api_keys:${tenantId}`}))`);
}

function assertActorGrants(ctx: TenantContext, scopes: readonly ApiScope[]): void {
  const beyond = scopes.filter((scope) => !roleGrantsScope(ctx.role, scope));
  if (beyond.length) {
    throw new AppError('forbidden', `Your role can't give a key ${beyond.join(', ')}: a key never does more than the member who made it.`, { field: 'scopes', scopes: beyond });
  }
}

function actorOf(ctx: TenantContext): string {
  if (!ctx.userId) throw new AppError('forbidden', 'Only a member can manage API keys.');
  return ctx.userId;
}

function auditOf(ctx: TenantContext, meta: RequestMeta, keyId: string) {
  return { actorUserId: ctx.userId, targetType: 'api_key', targetId: keyId, ip: meta.ip, userAgent: meta.userAgent };
}

async function insertKey(tx: Tx, ctx: TenantContext, fields: { name: string; scopes: readonly ApiScope[]; expiresAt: Date | null }, now: Date): Promise<IssuedApiKey> {
  const generated = generateApiKey();
  const [row] = await tx
    .insert(apiKeys)
    .values({
      tenantId: ctx.tenantId,
      name: fields.name,
      prefix: generated.prefix,
      hash: generated.hash,
      scopes: [...fields.scopes],
      createdBy: actorOf(ctx),
      expiresAt: fields.expiresAt,
      createdAt: now,
    })
    .returning({ id: apiKeys.id });
  return { key: await getKeyOrThrow(tx, row!.id, now), token: generated.token };
}

export async function createApiKey(
  tx: Tx,
  ctx: TenantContext,
  input: { name: string; scopes: readonly ApiScope[]; expiresAt: Date | null },
  meta: RequestMeta,
  now = new Date(),
): Promise<IssuedApiKey> {
  await assertPlanAllowsKey(tx, ctx.tenantId, input.scopes);
  assertActorGrants(ctx, input.scopes);
  if (input.expiresAt && input.expiresAt <= now) throw new AppError('validation_failed', 'Pick an expiry in the future.', { field: 'expiresOn' });
  await lockKeys(tx, ctx.tenantId);
  const [working] = await tx.select({ n: count() }).from(apiKeys).where(workingKeyAt(now));
  if ((working?.n ?? 0) >= MAX_ACTIVE_KEYS) {
    throw new AppError('conflict', `A workspace can hold ${MAX_ACTIVE_KEYS} working API keys. Revoke one you no longer use to create another.`, { limit: MAX_ACTIVE_KEYS });
  }
  const issued = await insertKey(tx, ctx, input, now);
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    ...auditOf(ctx, meta, issued.key.id),
    action: 'api_key.created',
    metadata: { name: input.name, prefix: issued.key.prefix, scopes: input.scopes, expiresAt: input.expiresAt?.toISOString() ?? null },
  });
  return issued;
}

async function lockKeyOrThrow(tx: Tx, keyId: string, now: Date): Promise<ApiKeyListItem> {
  await tx.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, keyId)).for('update');
  return getKeyOrThrow(tx, keyId, now);
}

/**
 * A new key with the old one's name, scopes and expiry, made by (and bounded by) the acting
 * member. The old key keeps working for 24 hours so its users can switch over — or stops now
 * with `revokeOld`. Rotation doesn't count against the cap: the old key is on its way out.
 */
export async function rotateApiKey(tx: Tx, ctx: TenantContext, input: { keyId: string; revokeOld: boolean }, meta: RequestMeta, now = new Date()): Promise<IssuedApiKey> {
  const old = await lockKeyOrThrow(tx, input.keyId, now);
  if (old.status !== 'active') throw new AppError('conflict', `Only an active key can be rotated; this one is ${old.status}.`);
  await assertPlanAllowsKey(tx, ctx.tenantId, old.scopes);
  assertActorGrants(ctx, old.scopes);
  const issued = await insertKey(tx, ctx, { name: old.name, scopes: old.scopes, expiresAt: old.expiresAt }, now);
  const graceUntil = input.revokeOld ? now : new Date(now.getTime() + ROTATION_GRACE_MS);
  await tx
    .update(apiKeys)
    .set({ rotatedTo: issued.key.id, graceUntil, ...(input.revokeOld ? { revokedAt: now } : {}) })
    .where(eq(apiKeys.id, old.id));
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    ...auditOf(ctx, meta, old.id),
    action: 'api_key.rotated',
    metadata: { name: old.name, prefix: old.prefix, newKeyId: issued.key.id, newPrefix: issued.key.prefix, graceUntil: graceUntil.toISOString(), revokedOld: input.revokeOld },
  });
  return issued;
}

/** Stops the key at once. Revoking a key that is already revoked changes nothing. */
export async function revokeApiKey(tx: Tx, ctx: TenantContext, input: { keyId: string }, meta: RequestMeta, now = new Date()): Promise<{ revoked: boolean }> {
  const key = await lockKeyOrThrow(tx, input.keyId, now);
  if (key.revokedAt) return { revoked: false };
  await tx.update(apiKeys).set({ revokedAt: now }).where(eq(apiKeys.id, key.id));
  await recordWorkspaceAudit(tx, ctx.tenantId, {
    ...auditOf(ctx, meta, key.id),
    action: 'api_key.revoked',
    metadata: { name: key.name, prefix: key.prefix, status: key.status },
  });
  return { revoked: true };
}

/**
 * A key dies when its creator leaves or is removed: authentication already refuses it (it joins
 * the membership), and this marks it revoked so the list and the audit log say so. Runs in the
 * member command's transaction.
 */
export async function revokeKeysOfMember(
  tx: Tx,
  ctx: TenantContext,
  memberUserId: string,
  reason: 'creator_left' | 'creator_removed',
  meta: RequestMeta,
  now = new Date(),
): Promise<number> {
  const revoked = await tx
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.tenantId, ctx.tenantId), eq(apiKeys.createdBy, memberUserId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
  for (const key of revoked) {
    await recordWorkspaceAudit(tx, ctx.tenantId, { ...auditOf(ctx, meta, key.id), action: 'api_key.revoked', metadata: { name: key.name, prefix: key.prefix, reason } });
  }
  return revoked.length;
}
