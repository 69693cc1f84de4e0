import { createHash } from 'node:crypto';

/** The fields a row's hash covers: everything but id (assigned by the database) and hash itself. */
export type HashedAuditFields = {
  chain: string;
  seq: number;
  prevHash: string | null;
  tenantId: string | null;
  actorUserId: string | null;
  actorLabel: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
  createdAt: Date;
};

/**
 * JSON with object keys sorted at every depth. jsonb does not keep key order, so the hash must not
 * depend on it, or reading a row back would never reproduce the hash it was written with.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function auditRowHash(row: HashedAuditFields): string {
  const payload = canonicalJson({
    chain: row.chain,
    seq: row.seq,
    prev_hash: row.prevHash,
    tenant_id: row.tenantId,
    actor_user_id: row.actorUserId,
    actor_label: row.actorLabel,
    action: row.action,
    target_type: row.targetType,
    target_id: row.targetId,
    ip: row.ip,
    user_agent: row.userAgent,
    metadata: row.metadata,
    created_at: row.createdAt.toISOString(),
  });
  return createHash('sha256').update(payload).digest('hex');
}
