import type { Readable } from 'node:stream';

/**
 * The one file-storage interface (DESIGN.md §5): S3-compatible object storage when `S3_*` is set,
 * a local directory under `.data/storage` otherwise. Every key starts with the tenant id (see
 * `tenantKey`), and the backends refuse any other, so no tenant reaches another's objects.
 */
export type StoredObject = { key: string; size: number; lastModified: Date; contentType?: string };

export type PutOptions = { contentType?: string; /** Suggested download name. */ filename?: string };

export type SignedUrlOptions = { expiresInSeconds: number; /** Content-Disposition download name. */ filename?: string };

export type UploadTarget = {
  /** PUT the raw bytes here (presigned S3 URL, or the app's streamed upload route for the local backend). */
  url: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: Date;
};

export type UploadTargetOptions = { expiresInSeconds: number; contentType?: string; maxBytes: number; size?: number };

export interface FileStorage {
  readonly backend: 'local' | 's3';
  put(key: string, body: Readable | Uint8Array | string, options?: PutOptions): Promise<StoredObject>;
  /** The object's bytes as a stream; null when there is no such object. */
  get(key: string): Promise<{ body: Readable; object: StoredObject } | null>;
  head(key: string): Promise<StoredObject | null>;
  /** Deletes one object; deleting a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Deletes every object under the prefix; returns how many went. */
  deletePrefix(prefix: string): Promise<number>;
  list(prefix: string): Promise<StoredObject[]>;
  /** A URL that downloads the object until it expires, without a session. */
  signedDownloadUrl(key: string, options: SignedUrlOptions): Promise<string>;
  /**
   * Where a browser uploads a large file directly (never through a function body). With `size`
   * (the file's exact byte count, at most `maxBytes`) any other length is refused by the backend
   * itself; without it S3 cannot cap a PUT, so call `confirmUpload` (lib/storage) before using the
   * object: it deletes one that is too large or of the wrong type.
   */
  signedUploadTarget(key: string, options: UploadTargetOptions): Promise<UploadTarget>;
}
