import { z } from 'zod';
import type { Tx } from '@/db/tenant';
import { auditActions } from '@/lib/audit/actions';
import { auditVisibleSince } from '@/lib/audit/export-csv';
import { listWorkspaceAudit } from '@/lib/audit/queries';
import { loadEntitlements } from '@/lib/billing/entitlements';
import { decodeCursor, encodeCursor, pageOf, pageQuery } from './pagination';

export const auditQuery = pageQuery.extend({
  action: z.enum(auditActions).optional().meta({ description: 'Only this action.' }),
  actor: z.uuid().optional().meta({ description: 'Only entries by this user id.' }),
  from: z.iso.datetime({ offset: true }).optional().meta({ description: 'From this time (inclusive), ISO-8601.' }),
  to: z.iso.datetime({ offset: true }).optional().meta({ description: 'Before this time, ISO-8601.' }),
});

const auditEntry = z
  .object({
    id: z.number().int(),
    seq: z.number().int(),
    created_at: z.string().meta({ description: 'ISO-8601 UTC.' }),
    action: z.string(),
    action_label: z.string(),
    actor: z.object({ user_id: z.uuid().nullable(), label: z.string().nullable() }),
    target: z.object({ type: z.string().nullable(), id: z.string().nullable() }),
    ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEntry' });

export const auditResponse = pageOf(auditEntry).meta({ id: 'AuditPage' });

/** Newest first, in the plan's retention window, keyset-paged on the entry id (stable while new entries arrive). */
export async function listAuditPage(tx: Tx, tenantId: string, query: z.output<typeof auditQuery>): Promise<z.input<typeof auditResponse>> {
  const entitlements = await loadEntitlements(tx, tenantId);
  const cursor = decodeCursor(query.cursor, z.number().int().positive());
  const page = await listWorkspaceAudit(tx, tenantId, {
    action: query.action,
    actorUserId: query.actor,
    from: query.from ? new Date(query.from) : undefined,
    to: query.to ? new Date(query.to) : undefined,
    limit: query.limit,
    cursor,
    visibleSince: auditVisibleSince(entitlements.auditRetentionDays),
  });
  return {
    data: page.entries.map((entry) => ({
      id: entry.id,
      seq: entry.seq,
      created_at: entry.createdAt.toISOString(),
      action: entry.action,
      action_label: entry.actionLabel,
      actor: { user_id: entry.actorUserId, label: entry.actorName ?? entry.actorLabel },
      target: { type: entry.targetType, id: entry.targetId },
      ip: entry.ip,
      user_agent: entry.userAgent,
      metadata: entry.metadata,
    })),
    next_cursor: page.nextCursor === null ? null : encodeCursor(page.nextCursor),
  };
}
