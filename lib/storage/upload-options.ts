import type { UploadTargetOptions } from './types';

const MAX_EXPIRY_SECONDS = 7 * 24 * 3600;

/** Both backends: S3 presigns for a week at most, so neither hands out a longer link. */
export function checkExpiry(expiresInSeconds: number): void {
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_EXPIRY_SECONDS) {
    throw new RangeError(`expiresInSeconds must be a whole number of seconds between 1 and ${MAX_EXPIRY_SECONDS} (S3 allows a week at most)`);
  }
}

/** Whole seconds since the epoch, rounded up so a link never expires before it was asked to. */
export function expiryFrom(expiresInSeconds: number, nowMs = Date.now()): number {
  checkExpiry(expiresInSeconds);
  return Math.ceil(nowMs / 1000) + expiresInSeconds;
}

export function checkUploadOptions(options: UploadTargetOptions): void {
  if (!Number.isSafeInteger(options.maxBytes) || options.maxBytes < 1) throw new RangeError('maxBytes must be a positive whole number');
  if (options.size !== undefined && (!Number.isSafeInteger(options.size) || options.size < 0 || options.size > options.maxBytes)) {
    throw new RangeError(`size must be a whole number of bytes, at most maxBytes (${options.maxBytes})`);
  }
}

export function uploadHeaders(options: UploadTargetOptions): Record<string, string> {
  return {
    ...(options.contentType ? { 'Content-Type': options.contentType } : {}),
    ...(options.size !== undefined ? { 'Content-Length': String(options.size) } : {}),
  };
}

/** A download name fits one header value: the local route refuses longer ones, so never sign them. */
export function checkFilename(filename: string | undefined): void {
  if (filename !== undefined && (filename.length === 0 || filename.length > 255)) {
    throw new RangeError('filename must be 1 to 255 characters');
  }
}
