import { and, desc, eq, inArray } from 'drizzle-orm';
import { privacyExports } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { ownedWorkspaces } from '@/lib/tenancy/owned-workspaces';
import { accountExportsOf, type AccountExport } from './account-export';
import { signedAccountExportUrl } from './account-export-finish';
import { nextBackupAt } from './backups';
import { isDownloadable } from './export-links';

export type OwnedWorkspaceBackups = { id: string; name: string; slug: string; lastBackupAt: Date | null; snapshots: number };

export type AccountPrivacyOverview = {
  exports: Array<{ row: AccountExport; download: { url: string; expiresAt: Date } | null }>;
  owned: OwnedWorkspaceBackups[];
  nextBackupAt: Date;
};

/** Account → Privacy: the person's exports (with fresh links) and the backups of each workspace they own. */
export async function accountPrivacyOverview(userId: string, now = new Date()): Promise<AccountPrivacyOverview> {
  const [rows, owned] = await Promise.all([accountExportsOf(userId), ownedWorkspaces(userId)]);
  const exports = await Promise.all(
    rows.map(async (row) => ({
      row,
      download: isDownloadable(row, now) ? await signedAccountExportUrl(row, now) : null,
    })),
  );
  const ids = owned.map((w) => w.id);
  const backups = ids.length
    ? await withSystem('privacy: backups of owned workspaces', (tx) =>
        tx
          .select({ tenantId: privacyExports.tenantId, finishedAt: privacyExports.finishedAt })
          .from(privacyExports)
          .where(and(inArray(privacyExports.tenantId, ids), eq(privacyExports.kind, 'backup'), eq(privacyExports.status, 'ready')))
          .orderBy(desc(privacyExports.finishedAt)),
      )
    : [];
  return {
    exports,
    owned: owned.map(({ id, name, slug }) => {
      const mine = backups.filter((b) => b.tenantId === id);
      return { id, name, slug, lastBackupAt: mine[0]?.finishedAt ?? null, snapshots: mine.length };
    }),
    nextBackupAt: nextBackupAt(now),
  };
}
