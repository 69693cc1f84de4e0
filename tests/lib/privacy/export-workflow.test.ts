import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, emailOutbox, jobRuns, memberships, privacyExports, webhookDeliveries } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { resetEnvCache } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { dispatchOutbox, inlineRunsSettled } from '@/lib/jobs';
import { configureInlineRunner } from '@/lib/jobs/inline-runner';
import { exportDownloadUrl, listWorkspaceExports, requestWorkspaceExport, STALE_EXPORT_MS } from '@/lib/privacy/export';
import { findExport } from '@/lib/privacy/export-rows';
import { resetStorage, storage } from '@/lib/storage';
import { readExport } from '../../helpers/export-zip';
import { addMember, meta } from '../tenancy/support';
import { seedWorkspace, useTempStorage } from './support';

const DAY = 86_400_000;
let storageDir: string;

beforeAll(() => {
  configureInlineRunner({ sleep: async () => {}, backoffOverride: { initialMs: 1, maxMs: 1 } });
  storageDir = useTempStorage();
});
afterEach(() => {
  process.env.STORAGE_DIR = storageDir;
  resetEnvCache();
  resetStorage();
});

async function runQueued(tenantId: string) {
  await dispatchOutbox({ tenantId });
  await inlineRunsSettled();
}

async function exportRow(id: string) {
  const [row] = await withSystem('test: read export', (tx) => tx.select().from(privacyExports).where(eq(privacyExports.id, id)));
  return row!;
}

describe('requesting a workspace export', () => {
  it('queues the export with an audit entry, and refuses a second one while it is pending', async () => {
    const ws = await seedWorkspace();
    const first = await withTenant(ws.ownerCtx, (tx) => requestWorkspaceExport(tx, ws.ownerCtx, { ip: '203.0.113.7', userAgent: 'test' }));
    expect(first).toMatchObject({ status: 'queued', kind: 'workspace', requestedBy: ws.owner.id, tenantId: ws.tenantId });

    const [audit] = await withSystem('test: read audit', (tx) =>
      tx.select().from(auditLog).where(and(eq(auditLog.tenantId, ws.tenantId), eq(auditLog.action, 'privacy.export_requested'))),
    );
    expect(audit).toMatchObject({ actorUserId: ws.owner.id, targetType: 'privacy_export', targetId: first.id, ip: '203.0.113.7' });

    const second = withTenant(ws.ownerCtx, (tx) => requestWorkspaceExport(tx, ws.ownerCtx, meta));
    await expect(second).rejects.toBeInstanceOf(AppError);
    await expect(second).rejects.toMatchObject({ code: 'conflict' });
    expect((await withTenant(ws.ownerCtx, (tx) => listWorkspaceExports(tx))).map((r) => r.id)).toEqual([first.id]);
  });

  it('lets one of two simultaneous requests through', async () => {
    const ws = await seedWorkspace();
    const outcomes = await Promise.allSettled([0, 1].map(() => withTenant(ws.ownerCtx, (tx) => requestWorkspaceExport(tx, ws.ownerCtx, meta))));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'conflict' });
    expect(await withTenant(ws.ownerCtx, (tx) => listWorkspaceExports(tx))).toHaveLength(1);
  });

  it('no longer lets an export that lost its run block a new one', async () => {
    const ws = await seedWorkspace();
    const old = await withTenant(ws.ownerCtx, (tx) => requestWorkspaceExport(tx, ws.ownerCtx, meta));
    const later = new Date(Date.now() + STALE_EXPORT_MS + 60_000);
    const fresh = await withTenant(ws.ownerCtx, (tx) => requestWorkspaceExport(tx, ws.ownerCtx, meta, later));
    expect(fresh.id).not.toBe(old.id);
    expect(await exportRow(old.id)).toMatchObject({ status: 'failed' });
  });

  it("never shows one workspace's exports to another", async () => {
    const a = await seedWorkspace();
    const b = await seedWorkspace();
    const row = await withTenant(a.ownerCtx, (tx) => requestWorkspaceExport(tx, a.ownerCtx, meta));
    expect(await withTenant(b.ownerCtx, (tx) => listWorkspaceExports(tx))).toEqual([]);
    await expect(withTenant(b.ownerCtx, (tx) => exportDownloadUrl(tx, row.id))).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the privacy-export workflow', () => {
  it('writes the zip, marks the export ready for seven days, emits export.ready and emails the requester', async () => {
    const ws = await seedWorkspace();
    const requested = await withTenant(ws.ownerCtx, (tx) => requestWorkspaceExport(tx, ws.ownerCtx, meta));
    const before = Date.now();
    await runQueued(ws.tenantId);

    const row = await exportRow(requested.id);
    expect(row).toMatchObject({ status: 'ready', error: null, storageKey: `${ws.tenantId}/exports/${requested.id}.zip` });
    expect(row.expiresAt!.getTime()).toBeGreaterThanOrEqual(before + 7 * DAY - 1_000);
    expect(row.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 7 * DAY);
    expect(row.tablesDone).toBe(row.tablesTotal);
    expect(row.finishedAt).not.toBeNull();

    const zip = await readExport(storage(), row.storageKey!);
    expect(BigInt(zip.zip.length)).toBe(row.bytes);
    expect(zip.manifest.tables.find((t) => t.name === 'usage_ledger')!.rows).toBe(3);

    const deliveries = await withSystem('test: read deliveries', (tx) =>
      tx.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.tenantId, ws.tenantId), eq(webhookDeliveries.eventType, 'export.ready'))),
    );
    expect(deliveries).toHaveLength(1);
    const data = (deliveries[0]!.payload as { data: Record<string, string> }).data;
    expect(data).toMatchObject({ export_id: requested.id, expires_at: row.expiresAt!.toISOString() });
    expect(data.download_url).toMatch(/^http/);

    const emails = await withSystem('test: read mailbox', (tx) =>
      tx.select().from(emailOutbox).where(and(eq(emailOutbox.to, ws.owner.email), eq(emailOutbox.template, 'export-ready'))),
    );
    expect(emails).toHaveLength(1);
    expect(emails[0]!.html).toContain(data.download_url!.replaceAll('&', '&amp;'));

    const link = await withTenant(ws.ownerCtx, (tx) => exportDownloadUrl(tx, requested.id));
    expect(link.url).toMatch(/^http/);
    expect(link.expiresAt.getTime()).toBeLessThanOrEqual(row.expiresAt!.getTime());
    // Past its expiry the export is gone for good.
    await expect(withTenant(ws.ownerCtx, (tx) => exportDownloadUrl(tx, requested.id, new Date(Date.now() + 8 * DAY)))).rejects.toMatchObject({
      code: 'not_found',
    });

    // Done, so the next request is welcome.
    await expect(withTenant(ws.ownerCtx, (tx) => requestWorkspaceExport(tx, ws.ownerCtx, meta))).resolves.toMatchObject({ status: 'queued' });
  });

  it('emails the owners when the member who asked has left', async () => {
    const ws = await seedWorkspace();
    const leaver = await addMember(ws.tenantId, 'owner');
    await withTenant(leaver.ctx, (tx) => requestWorkspaceExport(tx, leaver.ctx, meta));
    await withSystem('test: member leaves', (tx) => tx.delete(memberships).where(eq(memberships.userId, leaver.user.id)));
    await runQueued(ws.tenantId);
    const sent = await withSystem('test: read mailbox', (tx) =>
      tx.select({ to: emailOutbox.to }).from(emailOutbox).where(eq(emailOutbox.template, 'export-ready')),
    );
    expect(sent.map((e) => e.to)).toContain(ws.owner.email);
    expect(sent.map((e) => e.to)).not.toContain(leaver.user.email);
  });

  it('marks the export failed with a safe message once its retries are spent', async () => {
    const ws = await seedWorkspace();
    // Storage that can't be written: a directory path that is a file.
    const blocked = path.join(storageDir, 'not-a-directory');
    writeFileSync(blocked, 'x');
    process.env.STORAGE_DIR = blocked;
    resetEnvCache();
    resetStorage();
    const requested = await withTenant(ws.ownerCtx, (tx) => requestWorkspaceExport(tx, ws.ownerCtx, meta));
    await runQueued(ws.tenantId);
    const row = await withTenant(ws.ownerCtx, (tx) => findExport(tx, requested.id));
    expect(row).toMatchObject({ status: 'failed', error: 'The export could not be written. Please request a new one.', storageKey: null });
    const [run] = await withTenant(ws.ownerCtx, (tx) => tx.select().from(jobRuns).where(eq(jobRuns.workflow, 'privacy-export')));
    // The first attempt and both retries ran before the export was given up.
    expect(run).toMatchObject({ status: 'failed', attempts: 3 });
    const deliveries = await withSystem('test: read deliveries', (tx) =>
      tx.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.tenantId, ws.tenantId), eq(webhookDeliveries.eventType, 'export.ready'))),
    );
    expect(deliveries).toEqual([]);
  });
});
