import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { queueTemplate } from '@/lib/email/templates';
import { afterCommitDispatch } from '@/lib/jobs/outbox';
import { markAccountExportFailed, markAccountExportReady, type AccountExport } from './account-export-rows';
import { accountExportFilename } from './account-export-writer';
import { EXPORT_TTL_SECONDS, signedZipUrl } from './export-links';

/** A link that downloads a ready account export without a session (signedZipUrl). */
export function signedAccountExportUrl(row: AccountExport, now: Date): Promise<{ url: string; expiresAt: Date }> {
  return signedZipUrl(row, accountExportFilename(row.startedAt ?? row.createdAt), { now });
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
