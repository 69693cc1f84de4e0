import type { auditLog } from '@/db/schema';
import { signFor, verifyFor } from '@/lib/secrets';
import { auditRowHash, canonicalJson, personalDigest } from './hash';

export type StoredAuditRow = typeof auditLog.$inferSelect;

const REDACTION_PURPOSE = 'audit-redaction';

/**
 * What a redacted version 1 row still proves: every field but the erased personal ones, and the
 * hash the next row links to. Signed with the secrets keyring (ENCRYPTION_KEY), so the database
 * alone can't forge it; the current and previous key verify, as for every signature.
 */
function redactionPayload(row: StoredAuditRow): string {
  return canonicalJson({
    hash: row.hash,
    chain: row.chain,
    seq: row.seq,
    prev_hash: row.prevHash,
    tenant_id: row.tenantId,
    actor_label: row.actorLabel,
    action: row.action,
    target_type: row.targetType,
    target_id: row.targetId,
    metadata: row.metadata,
    created_at: row.createdAt.toISOString(),
    pseudonymised_at: row.pseudonymisedAt?.toISOString() ?? null,
  });
}

export function redactionMac(row: StoredAuditRow): string {
  return signFor(REDACTION_PURPOSE, redactionPayload(row));
}

/**
 * Whether a stored row is as it was written (its link to the previous row is the walk's check).
 * Version 2: the personal fields match their digest (until erased, when only the digest is left)
 * and the hash matches. Version 1: the hash matches, or, once erased, the redaction MAC does.
 */
export function auditRowIntact(row: StoredAuditRow): boolean {
  if (row.hashVersion === 2) {
    if (!row.pseudonymisedAt) {
      if (!row.personalSalt || row.personalDigest !== personalDigest(row.personalSalt, row)) return false;
    }
    return auditRowHash(row) === row.hash;
  }
  if (row.pseudonymisedAt) return row.redactionMac !== null && verifyFor(REDACTION_PURPOSE, redactionPayload(row), row.redactionMac);
  return auditRowHash({ ...row, hashVersion: 1 }) === row.hash;
}
