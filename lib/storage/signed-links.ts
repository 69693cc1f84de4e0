import { z } from 'zod';
import { signFor, verifyFor } from '@/lib/secrets';
import { assertStorageKey, StorageKeyError } from './keys';

/**
 * The local backend's signed links (S3 signs its own). The HMAC (lib/secrets, a key derived from
 * ENCRYPTION_KEY per purpose) covers every parameter the route acts on, the exact key first, so
 * a guessed key has no valid signature and a signature for one key opens no other.
 */
export const DOWNLOAD_PATH = '/api/storage/download';
export const UPLOAD_PATH = '/api/storage/upload';

const DOWNLOAD_PURPOSE = 'storage/download';
const UPLOAD_PURPOSE = 'storage/upload';

export type DownloadGrant = { key: string; expiresAt: number; filename?: string };
export type UploadGrant = { key: string; expiresAt: number; maxBytes: number; contentType?: string; size?: number };

// One answer for a bad signature and another for a stale one; nothing says which parameter was wrong.
export type LinkRefusal = { ok: false; status: 403; code: 'forbidden'; message: string };

// JSON of a fixed tuple: no delimiter inside a filename can make two grants sign alike.
const downloadValue = (grant: DownloadGrant) => JSON.stringify([grant.key, grant.expiresAt, grant.filename ?? null]);
const uploadValue = (grant: UploadGrant) =>
  JSON.stringify([grant.key, grant.expiresAt, grant.maxBytes, grant.contentType ?? null, grant.size ?? null]);

export function signedDownloadLink(appUrl: string, grant: DownloadGrant): string {
  const url = new URL(DOWNLOAD_PATH, appUrl);
  url.searchParams.set('key', grant.key);
  url.searchParams.set('exp', String(grant.expiresAt));
  if (grant.filename !== undefined) url.searchParams.set('name', grant.filename);
  url.searchParams.set('sig', signFor(DOWNLOAD_PURPOSE, downloadValue(grant)));
  return url.toString();
}

export function signedUploadLink(appUrl: string, grant: UploadGrant): string {
  const url = new URL(UPLOAD_PATH, appUrl);
  url.searchParams.set('key', grant.key);
  url.searchParams.set('exp', String(grant.expiresAt));
  url.searchParams.set('max', String(grant.maxBytes));
  if (grant.contentType !== undefined) url.searchParams.set('type', grant.contentType);
  if (grant.size !== undefined) url.searchParams.set('size', String(grant.size));
  url.searchParams.set('sig', signFor(UPLOAD_PURPOSE, uploadValue(grant)));
  return url.toString();
}

const seconds = z.coerce.number().int().positive();
const bytes = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const downloadQuery = z.object({
  key: z.string().min(1).max(1024),
  exp: seconds,
  name: z.string().max(255).optional(),
  sig: z.string().min(1).max(200),
});

const uploadQuery = z.object({
  key: z.string().min(1).max(1024),
  exp: seconds,
  max: bytes,
  type: z.string().max(200).optional(),
  size: bytes.optional(),
  sig: z.string().min(1).max(200),
});

const invalid: LinkRefusal = { ok: false, status: 403, code: 'forbidden', message: 'This link is not valid.' };
const expired: LinkRefusal = { ok: false, status: 403, code: 'forbidden', message: 'This link has expired. Ask for a new one.' };

function query(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams.entries());
}

function wellFormedKey(key: string): boolean {
  try {
    assertStorageKey(key);
    return true;
  } catch (error) {
    if (error instanceof StorageKeyError) return false;
    throw error;
  }
}

/** The grant a download URL carries, once its signature and expiry check out. */
export function verifyDownloadLink(url: URL, nowMs = Date.now()): { ok: true; grant: DownloadGrant } | LinkRefusal {
  const parsed = downloadQuery.safeParse(query(url));
  if (!parsed.success || !wellFormedKey(parsed.data.key)) return invalid;
  const { key, exp, name, sig } = parsed.data;
  const grant: DownloadGrant = { key, expiresAt: exp, ...(name !== undefined ? { filename: name } : {}) };
  // The signature first: an expired-link message is only for links this app really made.
  if (!verifyFor(DOWNLOAD_PURPOSE, downloadValue(grant), sig)) return invalid;
  if (exp * 1000 <= nowMs) return expired;
  return { ok: true, grant };
}

export function verifyUploadLink(url: URL, nowMs = Date.now()): { ok: true; grant: UploadGrant } | LinkRefusal {
  const parsed = uploadQuery.safeParse(query(url));
  if (!parsed.success || !wellFormedKey(parsed.data.key)) return invalid;
  const { key, exp, max, type, size, sig } = parsed.data;
  const grant: UploadGrant = {
    key,
    expiresAt: exp,
    maxBytes: max,
    ...(type !== undefined ? { contentType: type } : {}),
    ...(size !== undefined ? { size } : {}),
  };
  if (!verifyFor(UPLOAD_PURPOSE, uploadValue(grant), sig)) return invalid;
  if (exp * 1000 <= nowMs) return expired;
  return { ok: true, grant };
}
