import { randomBytes } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { auditLog, users } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import type { AuditAction } from './actions';
import { accountChain, workspaceChain } from './chains';
import { auditRowHash, CURRENT_HASH_VERSION, personalDigest, type HashedAuditFields } from './hash';

export type AuditEvent = {
  action: AuditAction;
  /** null for the system (cron, webhooks) or an unknown person (failed sign-in for no account). */
  actorUserId: string | null;
  /** Who acted as shown at the time (e.g. their email); looked up when omitted so it survives user deletion. */
  actorLabel?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  metadata?: Record<string, unknown>;
};

// Headers are attacker-controlled; cap them so one request can't bloat the append-only table.
const MAX_IP = 64;
const MAX_USER_AGENT = 512;
const MAX_LABEL = 320;

/** Appends to the workspace's chain. Works as app_user (inside withTenant) and as app_system. */
export async function recordWorkspaceAudit(tx: Tx, tenantId: string, event: AuditEvent): Promise<void> {
  await appendToChain(tx, workspaceChain(tenantId), tenantId, event);
}

/** Appends to the user's own account chain (tenant_id null); call inside withSystem. */
export async function recordAccountAudit(tx: Tx, userId: string, event: AuditEvent): Promise<void> {
  await appendToChain(tx, accountChain(userId), null, event);
}

async function appendToChain(tx: Tx, chain: string, tenantId: string | null, event: AuditEvent): Promise<void> {
  // Serialises writers of one chain until commit, so two appends never read the same last row.
  // hashtext collisions only make unrelated chains wait on each other, never corrupt them.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${chain}))`);

  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.chain, chain))
    .orderBy(desc(auditLog.seq))
    .limit(1);

  const personal = {
    actorUserId: event.actorUserId,
    actorLabel: clip(await resolveActorLabel(tx, event), MAX_LABEL),
    ip: clip(event.ip, MAX_IP),
    userAgent: clip(event.userAgent, MAX_USER_AGENT),
  };
  const personalSalt = randomBytes(16).toString('hex');
  const fields: HashedAuditFields = {
    chain,
    seq: (last?.seq ?? 0) + 1,
    prevHash: last?.hash ?? null,
    tenantId,
    ...personal,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    metadata: asStoredJson(event.metadata ?? {}),
    // Postgres keeps microseconds but the hash needs the exact value read back: whole milliseconds.
    createdAt: new Date(),
    hashVersion: CURRENT_HASH_VERSION,
    personalDigest: personalDigest(personalSalt, personal),
  };

  await tx.insert(auditLog).values({ ...fields, personalSalt, hash: auditRowHash(fields) });
}

async function resolveActorLabel(tx: Tx, event: AuditEvent): Promise<string | null> {
  if (event.actorLabel !== undefined) return event.actorLabel;
  if (!event.actorUserId) return null;
  const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, event.actorUserId)).limit(1);
  return user?.email ?? null;
}

function clip(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined || value === '') return null;
  return value.length > max ? value.slice(0, max) : value;
}

/**
 * The metadata exactly as jsonb will give it back (Dates become strings, undefined disappears),
 * so the hash computed now equals the one verification recomputes from the stored row.
 */
function asStoredJson(metadata: Record<string, unknown>): Record<string, unknown> {
  const parsed: unknown = JSON.parse(JSON.stringify(metadata));
  return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
}
