import { env } from '@/lib/env';
import { describeStorageConfig, storageConfigFromEnv, type StorageConfig } from './config';
import { LocalFileStorage } from './local';
import { S3FileStorage } from './s3';
import type { FileStorage } from './types';

export type { FileStorage, PutOptions, SignedUrlOptions, StoredObject, UploadTarget, UploadTargetOptions } from './types';
export { assertStorageKey, assertStoragePrefix, assertTenantKey, StorageKeyError, tenantKey, tenantPrefix, userKey, userPrefix } from './keys';
export { confirmUpload } from './confirm-upload';

/**
 * The file store (DESIGN.md §5). Key layout (lib/storage/keys.ts): `<tenantId>/exports/…`,
 * `<tenantId>/backups/…`, `<tenantId>/uploads/…`; lib callers build keys with
 * `tenantKey(ctx.tenantId, …)` and check any key that came from outside with `assertTenantKey`.
 */

// On globalThis so route handlers, workflows and dev hot reloads share one client per process.
const holder = globalThis as unknown as { __tesseraStorage?: FileStorage };

export function createStorage(config: StorageConfig): FileStorage {
  return config.backend === 's3' ? new S3FileStorage(config.s3) : new LocalFileStorage(config.directory, config.appUrl);
}

/** The process-wide store for the backend chosen from env. */
export function storage(): FileStorage {
  holder.__tesseraStorage ??= createStorage(storageConfigFromEnv(env()));
  return holder.__tesseraStorage;
}

/** One line for the start-up log, e.g. "file storage: local directory .data/storage, …". */
export function describeStorageBackend(): string {
  return describeStorageConfig(storageConfigFromEnv(env()));
}

/** Forgets the singleton; the next storage() reads env again. For tests. */
export function resetStorage(): void {
  const current = holder.__tesseraStorage;
  if (current?.backend === 's3') (current as S3FileStorage).destroy();
  holder.__tesseraStorage = undefined;
}
