import { AppError } from '@/lib/errors/app-error';

/**
 * Object keys. Every key is `<tenantId>/<area>/<name…>`, the tenant id being the workspace's
 * uuid, so a tenant's objects share one prefix that export, purge and backup can walk:
 *
 * - `<tenantId>/exports/…`  privacy exports (zips a member downloads through a signed URL)
 * - `<tenantId>/backups/…`  the workspace's backups
 * - `<tenantId>/uploads/…`  large uploads (imports, screenshots) sent straight to storage
 * - `<userId>/account-exports/…`  a person's own export (Account → Privacy): the user's uuid
 *   stands where a tenant id would, so the account purge can remove the prefix; uuids of users
 *   and workspaces never collide
 *
 * Both backends run every key and prefix through these guards before touching anything, so a key
 * without a tenant segment, with `..`, a leading slash or odd characters never reaches a disk
 * path or a bucket. Which tenant a key may name is the caller's check (`assertTenantKey`, with the
 * tenant id from the tenant context); the signed routes add that a URL opens only the exact key
 * it was signed for.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
// Starts with a letter or digit, so `.`, `..` and hidden names are out; no spaces, no `%`, no `\`.
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;
const MAX_KEY_LENGTH = 1024;

export class StorageKeyError extends AppError {
  constructor(message: string) {
    super('bad_request', message);
    this.name = 'StorageKeyError';
  }
}

function checkSegments(segments: string[], what: string): void {
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) {
      throw new StorageKeyError(`${what}: "${segment}" is not a safe key segment (letters, digits, . _ -, not starting with a dot)`);
    }
  }
}

function checkTenantSegment(tenantId: string, what: string): void {
  if (!UUID.test(tenantId)) throw new StorageKeyError(`${what}: must start with a tenant id (a lowercase uuid)`);
}

/** `<tenantId>/<part>/<part>…`; a part may hold several segments (`exports/2026/file.zip`). */
export function tenantKey(tenantId: string, ...parts: string[]): string {
  checkTenantSegment(tenantId, 'storage key');
  const segments = parts.flatMap((part) => part.split('/'));
  if (segments.length === 0) throw new StorageKeyError('storage key: needs at least one part after the tenant id');
  checkSegments(segments, 'storage key');
  return assertStorageKey([tenantId, ...segments].join('/'));
}

/** `<userId>/<part>…`: a person's own objects (account exports), outside every workspace. */
export function userKey(userId: string, ...parts: string[]): string {
  return tenantKey(userId, ...parts);
}

/** The guard both backends apply to a full key; returns the key unchanged. */
export function assertStorageKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new StorageKeyError(`storage key: must be 1 to ${MAX_KEY_LENGTH} characters`);
  }
  const [tenant, ...rest] = key.split('/');
  checkTenantSegment(tenant!, 'storage key');
  if (rest.length === 0) throw new StorageKeyError('storage key: needs at least one part after the tenant id');
  checkSegments(rest, 'storage key');
  return key;
}

/**
 * The guard for list and deletePrefix: `<tenantId>/` then whole segments, the last of which may be
 * partial (`<tenantId>/exports/2026-`). A bare or partial tenant id would reach other tenants.
 */
export function assertStoragePrefix(prefix: string): string {
  if (typeof prefix !== 'string' || prefix.length > MAX_KEY_LENGTH) throw new StorageKeyError('storage prefix: too long');
  const [tenant, ...rest] = prefix.split('/');
  checkTenantSegment(tenant!, 'storage prefix');
  if (rest.length === 0) throw new StorageKeyError('storage prefix: must include the slash after the tenant id');
  const last = rest.pop()!;
  checkSegments(rest, 'storage prefix');
  if (last !== '') checkSegments([last], 'storage prefix');
  return prefix;
}

/** Refuses a key (or prefix) outside `tenantId`'s own space, even a well-formed one. */
export function assertTenantKey(tenantId: string, key: string): string {
  checkTenantSegment(tenantId, 'tenant id');
  if (!key.startsWith(`${tenantId}/`)) throw new StorageKeyError('storage key: belongs to another tenant');
  return key.endsWith('/') ? assertStoragePrefix(key) : assertStorageKey(key);
}

export function tenantPrefix(tenantId: string): string {
  checkTenantSegment(tenantId, 'tenant id');
  return `${tenantId}/`;
}

/** Every object of one person (userKey). */
export function userPrefix(userId: string): string {
  return tenantPrefix(userId);
}
