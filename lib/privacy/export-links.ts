import { AppError } from '@/lib/errors/app-error';
import { storage, type FileStorage } from '@/lib/storage';
import type { PrivacyExport } from './export-rows';

/** How long a finished export stays downloadable, and the longest a signed link lives (S3's presign cap). */
export const EXPORT_TTL_SECONDS = 7 * 24 * 60 * 60;

export function exportFilename(slug: string, exportedAt: Date): string {
  return `tessera-export-${slug}-${exportedAt.toISOString().slice(0, 10)}.zip`;
}

/** Ready and not yet expired. */
export function isDownloadable(row: Pick<DownloadableZip, 'status' | 'expiresAt'>, now = new Date()): boolean {
  return row.status === 'ready' && row.expiresAt !== null && row.expiresAt.getTime() > now.getTime();
}

/** What a signed link needs of an export row, workspace or account. */
export type DownloadableZip = { status: string; storageKey: string | null; expiresAt: Date | null };

/**
 * A link that downloads a ready zip without a session, until the earlier of seven days from now
 * and the zip's own expiry.
 */
export async function signedZipUrl(row: DownloadableZip, filename: string, options: { now?: Date; store?: FileStorage } = {}): Promise<{ url: string; expiresAt: Date }> {
  const now = options.now ?? new Date();
  if (row.status !== 'ready' || !row.storageKey || !row.expiresAt) throw new AppError('conflict', 'This export is not ready to download.');
  if (row.expiresAt.getTime() <= now.getTime()) throw new AppError('not_found', 'This export has expired; request a new one.');
  const seconds = Math.min(EXPORT_TTL_SECONDS, Math.floor((row.expiresAt.getTime() - now.getTime()) / 1000));
  if (seconds < 1) throw new AppError('not_found', 'This export has expired; request a new one.');
  const url = await (options.store ?? storage()).signedDownloadUrl(row.storageKey, { expiresInSeconds: seconds, filename });
  return { url, expiresAt: new Date(now.getTime() + seconds * 1000) };
}

/** A workspace export's link, named after the workspace and the day it was taken. */
export function signedExportUrl(
  row: Pick<PrivacyExport, 'id' | 'status' | 'storageKey' | 'expiresAt' | 'startedAt' | 'createdAt'>,
  slug: string,
  options: { now?: Date; store?: FileStorage } = {},
): Promise<{ url: string; expiresAt: Date }> {
  return signedZipUrl(row, exportFilename(slug, row.startedAt ?? row.createdAt), options);
}
