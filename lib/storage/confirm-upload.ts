import type { FileStorage, StoredObject } from './types';

export type UploadLimits = { maxBytes: number; contentType?: string };

/**
 * Checks an object a browser uploaded through a signed target before anything uses it. A
 * presigned S3 PUT cannot cap its size (only an exact, announced `size` can be signed), so an
 * object that is too large or of another content type is deleted here and null comes back; the
 * local upload route already refuses both while the bytes stream in.
 */
export async function confirmUpload(store: FileStorage, key: string, limits: UploadLimits): Promise<StoredObject | null> {
  const object = await store.head(key);
  if (!object) return null;
  const wrongType = limits.contentType !== undefined && object.contentType !== limits.contentType;
  if (object.size > limits.maxBytes || wrongType) {
    await store.delete(key);
    return null;
  }
  return object;
}
