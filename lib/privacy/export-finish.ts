import { and, eq } from 'drizzle-orm';
import { memberships, users, workspaces } from '@/db/schema';
import { withTenant, type TenantContext, type Tx } from '@/db/tenant';
import { queueTemplate } from '@/lib/email/templates';
import { afterCommitDispatch } from '@/lib/jobs/outbox';
import { emitWebhookEvent } from '@/lib/webhooks/emit';
import { EXPORT_TTL_SECONDS, signedExportUrl } from './export-links';
import { findExport, markFailed, markReady } from './export-rows';
import { workspaceOwners } from '@/lib/tenancy/owners';

export type FinishedZip = { storageKey: string; bytes: number; sha256: string };

/**
 * Ready, in one transaction with what announces it: the `export.ready` webhook and the email,
 * each carrying a link valid as long as the export (seven days). Dispatched after commit.
 */
export async function finishExport(ctx: TenantContext, exportId: string, zip: FinishedZip, now = new Date()): Promise<{ expiresAt: string }> {
  const expiresAt = new Date(now.getTime() + EXPORT_TTL_SECONDS * 1000);
  await withTenant(ctx, async (tx) => {
    await markReady(tx, exportId, { storageKey: zip.storageKey, bytes: BigInt(zip.bytes), sha256: zip.sha256, expiresAt, finishedAt: now });
    const row = (await findExport(tx, exportId))!;
    const [workspace] = await tx
      .select({ name: workspaces.name, slug: workspaces.slug, timezone: workspaces.timezone })
      .from(workspaces)
      .where(eq(workspaces.id, ctx.tenantId));
    const link = await signedExportUrl(row, workspace?.slug ?? 'workspace', { now });
    await emitWebhookEvent(tx, ctx.tenantId, 'export.ready', { export_id: exportId, download_url: link.url, expires_at: link.expiresAt.toISOString() });
    for (const person of await recipients(tx, ctx.tenantId, row.requestedBy)) {
      await queueTemplate(
        tx,
        'export-ready',
        person.email,
        {
          name: person.name,
          workspaceName: workspace?.name ?? 'your workspace',
          downloadUrl: link.url,
          expiresAt: link.expiresAt,
          bytes: zip.bytes,
          sha256: zip.sha256,
          timeZone: workspace?.timezone,
        },
        { tenantId: ctx.tenantId },
      );
    }
  });
  void afterCommitDispatch();
  return { expiresAt: expiresAt.toISOString() };
}

/** Whoever asked, while still a member; the owners when they have left. */
async function recipients(tx: Tx, tenantId: string, requestedBy: string | null): Promise<{ email: string; name: string | null }[]> {
  if (requestedBy) {
    const requester = await tx
      .select({ email: users.email, name: users.name })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, requestedBy)));
    if (requester.length) return requester;
  }
  return workspaceOwners(tx, tenantId);
}

export async function failExport(ctx: TenantContext, exportId: string): Promise<void> {
  await withTenant(ctx, (tx) => markFailed(tx, exportId, 'The export could not be written. Please request a new one.'));
}
