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
  /** 1 (the default, rows written before migration 0021) or 2: see auditRowHash. */
  hashVersion?: number;
  /** Version 2: personalDigest over the personal fields, which the hash covers instead of them. */
  personalDigest?: string | null;
};

/** What a person-identifying audit entry says about who acted, from where. */
export type PersonalAuditFields = Pick<HashedAuditFields, 'actorUserId' | 'actorLabel' | 'ip' | 'userAgent'>;

export const CURRENT_HASH_VERSION = 2;

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

/**
 * A salted SHA-256 of the personal fields. The salt sits beside it in the row until the person is
 * erased; then both the fields and the salt go, and the digest, which the row hash covers, can no
 * longer be matched to anyone (an unsalted digest of an email could be, by guessing).
 */
export function personalDigest(salt: string, fields: PersonalAuditFields): string {
  const payload = canonicalJson({ actor_user_id: fields.actorUserId, actor_label: fields.actorLabel, ip: fields.ip, user_agent: fields.userAgent });
  return createHash('sha256').update(`${salt}\n${payload}`).digest('hex');
}

/**
 * The row's hash. Version 2 covers the personal fields through personalDigest only, so they can be
 * erased without breaking the chain; version 1 (older rows) covers them directly.
 */
export function auditRowHash(row: HashedAuditFields): string {
  if (row.hashVersion === 2) {
    const payload = canonicalJson({
      v: 2,
      chain: row.chain,
      seq: row.seq,
      prev_hash: row.prevHash,
      tenant_id: row.tenantId,
      personal: row.personalDigest ?? null,
      action: row.action,
      target_type: row.targetType,
      target_id: row.targetId,
      metadata: row.metadata,
      created_at: row.createdAt.toISOString(),
    });
    return createHash('sha256').update(payload).digest('hex');
  }
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
