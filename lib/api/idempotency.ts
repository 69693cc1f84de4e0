import { createHash } from 'node:crypto';
import { and, eq, inArray, lt } from 'drizzle-orm';
import { apiIdempotencyKeys } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

export type StoredResponse = { status: number; body: string };

export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex');
}

/** The header's value, validated (printable ASCII, 1–255 characters); null when none was sent. */
export function idempotencyKeyFrom(headers: Headers): string | null {
  const key = headers.get('idempotency-key');
  if (key === null) return null;
  if (!KEY_FORMAT.test(key)) {
    throw new AppError('bad_request', 'Idempotency-Key must be 1–255 printable ASCII characters.', { header: 'Idempotency-Key' });
  }
  return key;
}

/**
 * Claims the key inside the request's transaction, or returns the response stored for it. A
 * concurrent twin blocks on the unique (tenant_id, key) index until the first transaction ends:
 * after a commit it finds the stored response and replays it; after a rollback its own insert
 * goes through. So two identical POSTs at once give one effect and two identical responses.
 */
export async function claimIdempotencyKey(
  tx: Tx,
  tenantId: string,
  key: string,
  fingerprint: string,
  now = new Date(),
): Promise<{ claimed: true } | { claimed: false; response: StoredResponse }> {
  const inserted = await tx
    .insert(apiIdempotencyKeys)
    .values({ tenantId, key, fingerprint, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) })
    .onConflictDoNothing({ target: [apiIdempotencyKeys.tenantId, apiIdempotencyKeys.key] })
    .returning({ id: apiIdempotencyKeys.id });
  if (inserted.length) return { claimed: true };

  const [existing] = await tx.select().from(apiIdempotencyKeys).where(and(eq(apiIdempotencyKeys.tenantId, tenantId), eq(apiIdempotencyKeys.key, key)));
  if (!existing) throw new AppError('conflict', 'That Idempotency-Key is in use by a request still running. Retry shortly.');
  if (existing.expiresAt <= now) {
    // Past its 24 hours: the key starts over for this request.
    await tx
      .update(apiIdempotencyKeys)
      .set({ fingerprint, responseStatus: null, responseBody: null, createdAt: now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS) })
      .where(eq(apiIdempotencyKeys.id, existing.id));
    return { claimed: true };
  }
  if (existing.fingerprint !== fingerprint) {
    throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different request. Use a new key for a new request.', {
      header: 'Idempotency-Key',
    });
  }
  if (existing.responseStatus === null) throw new AppError('conflict', 'That Idempotency-Key is in use by a request still running. Retry shortly.');
  return { claimed: false, response: { status: existing.responseStatus, body: existing.responseBody ?? '' } };
}

/** Stores the response beside the effect, in the same transaction. */
export async function storeIdempotentResponse(tx: Tx, tenantId: string, key: string, response: StoredResponse): Promise<void> {
  await tx
    .update(apiIdempotencyKeys)
    .set({ responseStatus: response.status, responseBody: response.body })
    .where(and(eq(apiIdempotencyKeys.tenantId, tenantId), eq(apiIdempotencyKeys.key, key)));
}

/**
 * Deletes up to `batch` stored responses past their 24 hours (served by
 * api_idempotency_keys_expires_idx). An expired key is already treated as new by
 * claimIdempotencyKey, so this only reclaims space. System work, across tenants.
 */
export async function deleteExpiredIdempotencyKeys(tx: Tx, batch: number, now = new Date()): Promise<number> {
  const due = tx.select({ id: apiIdempotencyKeys.id }).from(apiIdempotencyKeys).where(lt(apiIdempotencyKeys.expiresAt, now)).limit(batch);
  const rows = await tx.delete(apiIdempotencyKeys).where(inArray(apiIdempotencyKeys.id, due)).returning({ id: apiIdempotencyKeys.id });
  return rows.length;
}
