import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { queueTemplate } from '@/lib/email/templates';
import { AppError } from '@/lib/errors/app-error';
import { afterCommitDispatch } from '@/lib/jobs/outbox';
import { storage, type FileStorage } from '@/lib/storage';
import { markAccountExportFailed, markAccountExportReady, type AccountExport } from './account-export-rows';
import { accountExportFilename } from './account-export-writer';
import { EXPORT_TTL_SECONDS } from './export-links';

/** A link that downloads a ready account export without a session, until the earlier of seven days and its expiry. */
export async function signedAccountExportUrl(row: AccountExport, now: Date, store: FileStorage = storage()): Promise<{ url: string; expiresAt: Date }> {
  if (row.status !== 'ready' || !row.storageKey || !row.expiresAt) throw new AppError('conflict', 'This export is not ready to download.');
  const seconds = Math.min(EXPORT_TTL_SECONDS, Math.floor((row.expiresAt.getTime() - now.getTime()) / 1000));
  if (seconds < 1) throw new AppError('not_found', 'This export has expired; request a new one.');
  const url = await store.signedDownloadUrl(row.storageKey, { expiresInSeconds: seconds, filename: accountExportFilename(row.startedAt ?? row.createdAt) });
  return { url, expiresAt: new Date(now.getTime() + seconds * 1000) };
}

/** Ready, and the email with a link valid as long as the export (seven days), in one transaction. */
export async function finishAccountExport(userId: string, exportId: string, zip: { storageKey: string; bytes: number; sha256: string }, now = new Date()): Promise<{ expiresAt: string }> {
  const expiresAt = new Date(now.getTime() + EXPORT_TTL_SECONDS * 1000);
  await withSystem('privacy: finish an account export', async (tx) => {
    const row = await markAccountExportReady(tx, exportId, { storageKey: zip.storageKey, bytes: BigInt(zip.bytes), sha256: zip.sha256, expiresAt, finishedAt: now });
    const [user] = await tx.select({ email: users.email, name: users.name, timezone: users.timezone }).from(users).where(eq(users.id, userId));
    if (!user) return;
    const link = await signedAccountExportUrl(row, now);
    await queueTemplate(tx, 'export-ready', user.email, {
      name: user.name,
      workspaceName: 'your Tessera account',
      downloadUrl: link.url,
      expiresAt: link.expiresAt,
      bytes: zip.bytes,
      sha256: zip.sha256,
      timeZone: user.timezone,
    });
  });
  void afterCommitDispatch();
  return { expiresAt: expiresAt.toISOString() };
}

export async function failAccountExport(exportId: string): Promise<void> {
  await withSystem('privacy: fail an account export', (tx) => markAccountExportFailed(tx, exportId, 'The export could not be written. Please request a new one.'));
}
