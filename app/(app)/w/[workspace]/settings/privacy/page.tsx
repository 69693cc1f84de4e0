import Link from 'next/link';
import type { Metadata } from 'next';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { ExportList, RequestExportForm } from '@/components/privacy/workspace-exports';
import { SETTINGS_LABEL, SettingsTabs } from '@/components/workspace/settings-tabs';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { exportDownloadUrl, isDownloadable, listWorkspaceExports, type PrivacyExport } from '@/lib/privacy';
import { backupRetentionDays, listBackups, nextBackupAt } from '@/lib/privacy/backups';
import { formatInZone } from '@/lib/time';
import { ImportExportForm } from '@/components/privacy/import-export-form';
import { RestoreList } from '@/components/privacy/restore-list';
import { listRestores } from '@/lib/privacy/restore-rows';
import { requestExportAction, restoreFromExportAction, restoreFromUploadAction, restoreUploadTargetAction } from './actions';

export const metadata: Metadata = { title: 'Privacy' };

export default async function PrivacySettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace, can, read } = await requireWorkspacePage((await params).workspace, 'privacy.export');
  const { exports, backups, restores } = await read(async (tx) => {
    // A link for each one still downloadable, made fresh for this page view.
    const withLinks = (rows: PrivacyExport[]) =>
      Promise.all(rows.map(async (row) => ({ row, download: isDownloadable(row) ? await exportDownloadUrl(tx, row.id) : null })));
    return {
      exports: await withLinks(await listWorkspaceExports(tx, 10)),
      backups: await withLinks(await listBackups(tx, 31)),
      restores: await listRestores(tx, 10),
    };
  });
  const restore = { workspace: workspace.slug, action: restoreFromExportAction };
  const lastBackup = backups.find(({ row }) => row.status === 'ready')?.row.finishedAt ?? null;

  return (
    <div className="space-y-8">
      <PageHeader
        label={SETTINGS_LABEL}
        title="Privacy"
        description={`Take a full copy of this workspace’s data. Times are in ${workspace.timezone}.`}
        tabs={<SettingsTabs workspace={workspace.slug} can={can} />}
      />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Export workspace</CardTitle>
          <CardDescription>
            A zip with every table of this workspace — members, settings, billing records, the audit trail, and every product’s data — as JSON lines and
            CSV, with a README and a manifest of row counts, column totals and SHA-256 checksums. Passwords, key hashes, tokens and signing secrets are
            never included. You get an email with a download link valid for 7 days.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <RequestExportForm workspace={workspace.slug} action={requestExportAction} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Recent exports</CardTitle>
        </CardHeader>
        <CardContent className="px-0 py-0 sm:px-0">
          <ExportList exports={exports} timeZone={workspace.timezone} restore={restore} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Backups</CardTitle>
          <CardDescription>
            Every night Tessera takes a snapshot of this workspace in the same format as an export and keeps it for {backupRetentionDays()} days. Last
            snapshot: {lastBackup ? formatInZone(lastBackup, workspace.timezone, 'date-time') : 'none yet'}. Next:{' '}
            {formatInZone(nextBackupAt(), workspace.timezone, 'date-time')}.
          </CardDescription>
        </CardHeader>
        <CardContent className="px-0 py-0 sm:px-0">
          <ExportList exports={backups} timeZone={workspace.timezone} noun="snapshot" restore={restore} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Import an export</CardTitle>
          <CardDescription>
            Upload a Tessera export zip — from this installation or another one, such as the single-user apps — to restore it into a new workspace that you
            own. Every file is checked against the zip’s manifest first; a damaged or changed zip is refused and nothing is created. Members, API keys,
            webhooks, billing, usage and the audit trail are not restored.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ImportExportForm workspace={workspace.slug} targetAction={restoreUploadTargetAction} restoreAction={restoreFromUploadAction} />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Restores</CardTitle>
          <CardDescription>Each restore creates a new workspace; this one stays as it is.</CardDescription>
        </CardHeader>
        <CardContent className="px-0 py-0 sm:px-0">
          <RestoreList restores={restores} timeZone={workspace.timezone} />
        </CardContent>
      </Card>

      <p className="text-sm text-muted">
        To erase the workspace instead, an owner schedules its deletion in{' '}
        <Link className="underline" href={`/w/${encodeURIComponent(workspace.slug)}/settings`}>
          Settings → General
        </Link>
        .
      </p>
    </div>
  );
}
