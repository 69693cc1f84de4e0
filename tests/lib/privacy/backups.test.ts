import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { privacyExports } from '@/db/schema';
import { withSystem, withTenant } from '@/db/tenant';
import { resetEnvCache } from '@/lib/env';
import { dispatchOutbox, inlineRunsSettled } from '@/lib/jobs';
import { configureInlineRunner } from '@/lib/jobs/inline-runner';
import { listBackups, nextBackupAt, pruneBackups, pruneExpiredExports, queueNightlyBackups } from '@/lib/privacy/backups';
import { listWorkspaceExports, requestWorkspaceExport } from '@/lib/privacy/export';
import { resetStorage, storage } from '@/lib/storage';
import { readExport } from '../../helpers/export-zip';
import { meta } from '../tenancy/support';
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

describe('nightly backups', () => {
  it('snapshots every workspace as its own work, kept for the retention period, beside (not blocking) a requested export', async () => {
    const ws = await seedWorkspace('Backed Up');
    const requested = await withTenant(ws.ownerCtx, (tx) => requestWorkspaceExport(tx, ws.ownerCtx, meta));
    // Only this workspace: the database is shared with other test files' workspaces.
    const { queued } = await queueNightlyBackups({ tenantIds: [ws.tenantId] });
    expect(queued).toBe(1);
    await dispatchOutbox({ tenantId: ws.tenantId });
    await inlineRunsSettled();

    const [backup] = await withTenant(ws.ownerCtx, (tx) => listBackups(tx));
    expect(backup).toMatchObject({ kind: 'backup', status: 'ready', tenantId: ws.tenantId });
    expect(backup!.expiresAt!.getTime() - backup!.finishedAt!.getTime()).toBeGreaterThan(29 * DAY);
    const zip = await readExport(storage(), backup!.storageKey!);
    expect(zip.manifest.workspace.id).toBe(ws.tenantId);
    // The requested export and the backup are listed apart.
    expect((await withTenant(ws.ownerCtx, (tx) => listWorkspaceExports(tx))).map((r) => r.id)).toContain(requested.id);
    expect((await withTenant(ws.ownerCtx, (tx) => listWorkspaceExports(tx))).map((r) => r.kind)).not.toContain('backup');

    // Past the retention, pruning deletes the object and the row.
    const later = new Date(backup!.expiresAt!.getTime() + 60_000);
    const { deleted } = await pruneBackups(later);
    expect(deleted).toBeGreaterThanOrEqual(1);
    expect(await storage().head(backup!.storageKey!)).toBeNull();
    expect(await withSystem('test: read', (tx) => tx.select().from(privacyExports).where(eq(privacyExports.id, backup!.id)))).toEqual([]);
  });

  it('deletes a requested export’s zip once its seven days are over, keeping the row', async () => {
    const ws = await seedWorkspace('Expiring');
    const requested = await withTenant(ws.ownerCtx, (tx) => requestWorkspaceExport(tx, ws.ownerCtx, meta));
    await dispatchOutbox({ tenantId: ws.tenantId });
    await inlineRunsSettled();
    const [row] = await withSystem('test: read', (tx) => tx.select().from(privacyExports).where(eq(privacyExports.id, requested.id)));
    expect(row).toMatchObject({ status: 'ready' });
    // Other test files' exports share the database: look at this one, not at the counts.
    await pruneExpiredExports(new Date(row!.expiresAt!.getTime() - 60_000));
    expect(await storage().head(row!.storageKey!)).not.toBeNull();
    expect((await pruneExpiredExports(new Date(row!.expiresAt!.getTime() + 60_000))).deleted).toBeGreaterThanOrEqual(1);
    expect(await storage().head(row!.storageKey!)).toBeNull();
    const [after] = await withSystem('test: read', (tx) => tx.select().from(privacyExports).where(eq(privacyExports.id, requested.id)));
    expect(after).toMatchObject({ status: 'ready', storageKey: null });
  });

  it('runs at 02:30 UTC', () => {
    expect(nextBackupAt(new Date('2026-12-03T01:00:00Z')).toISOString()).toBe('2026-12-03T02:30:00.000Z');
    expect(nextBackupAt(new Date('2026-12-03T02:30:00Z')).toISOString()).toBe('2026-12-04T02:30:00.000Z');
  });
});
