import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog, memberships, users } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { auditActionLabel, auditActions } from './actions';
import { accountChain } from './chains';

const listWorkspaceAuditOptions = z.object({
  action: z.enum(auditActions).optional(),
  actorUserId: z.uuid().optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  // Pages ask for 50; the CSV export for up to AUDIT_EXPORT_MAX_ROWS in one read.
  limit: z.number().int().min(1).max(10_000),
  cursor: z.number().int().positive().optional(),
  // The plan's retention: older entries stay in the chain (it still verifies) but aren't listed.
  visibleSince: z.date().nullable().optional(),
});

export type ListWorkspaceAuditOptions = z.input<typeof listWorkspaceAuditOptions>;

export type AuditEntry = {
  id: number;
  seq: number;
  createdAt: Date;
  action: string;
  actionLabel: string;
  actorUserId: string | null;
  /** Who acted as recorded at the time; the current name is preferred when the user still exists. */
  actorLabel: string | null;
  actorName: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
};

/**
 * A workspace's audit trail, newest first. Keyset pagination on id: pass the previous page's
 * nextCursor to get older entries, stable while new events arrive.
 */
export async function listWorkspaceAudit(
  tx: Tx,
  tenantId: string,
  options: ListWorkspaceAuditOptions,
): Promise<{ entries: AuditEntry[]; nextCursor: number | null }> {
  const o = listWorkspaceAuditOptions.parse(options);
  const conditions: SQL[] = [eq(auditLog.tenantId, tenantId)];
  if (o.action) conditions.push(eq(auditLog.action, o.action));
  if (o.actorUserId) conditions.push(eq(auditLog.actorUserId, o.actorUserId));
  if (o.from) conditions.push(gte(auditLog.createdAt, o.from));
  if (o.to) conditions.push(lt(auditLog.createdAt, o.to));
  if (o.cursor) conditions.push(lt(auditLog.id, o.cursor));
  if (o.visibleSince) conditions.push(gte(auditLog.createdAt, o.visibleSince));

  const rows = await tx
    .select({ row: auditLog, actorName: users.name, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(o.limit + 1);

  const page = rows.slice(0, o.limit);
  return {
    entries: page.map(({ row, actorName, actorEmail }) => ({
      id: row.id,
      seq: row.seq,
      createdAt: row.createdAt,
      action: row.action,
      actionLabel: auditActionLabel(row.action),
      actorUserId: row.actorUserId,
      actorLabel: row.actorLabel ?? actorEmail,
      actorName: actorName ?? actorEmail ?? null,
      targetType: row.targetType,
      targetId: row.targetId,
      ip: row.ip,
      userAgent: row.userAgent,
      metadata: row.metadata,
    })),
    nextCursor: rows.length > o.limit ? (page.at(-1)?.row.id ?? null) : null,
  };
}

export type AuditActorOption = { userId: string; label: string };

/** The workspace's members, for the actor filter. */
export async function listAuditActorOptions(tx: Tx, tenantId: string): Promise<AuditActorOption[]> {
  const rows = await tx
    .select({ userId: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, tenantId))
    .orderBy(users.email);
  return rows.map((r) => ({ userId: r.userId, label: r.name ? `${r.name} (${r.email})` : r.email }));
}

const listAccountSecurityEventsOptions = z.object({ limit: z.number().int().min(1).max(200) });

export type SecurityEvent = {
  id: number;
  action: string;
  actionLabel: string;
  createdAt: Date;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
};

/** The user's own account events (sign-ins, password, 2FA, sessions), newest first; call under withSystem. */
export async function listAccountSecurityEvents(
  tx: Tx,
  userId: string,
  options: z.input<typeof listAccountSecurityEventsOptions>,
): Promise<SecurityEvent[]> {
  const { limit } = listAccountSecurityEventsOptions.parse(options);
  const rows = await tx
    .select({
      id: auditLog.id,
      action: auditLog.action,
      createdAt: auditLog.createdAt,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      metadata: auditLog.metadata,
    })
    .from(auditLog)
    .where(eq(auditLog.chain, accountChain(userId)))
    .orderBy(desc(auditLog.seq))
    .limit(limit);
  return rows.map((r) => ({ ...r, actionLabel: auditActionLabel(r.action) }));
}
