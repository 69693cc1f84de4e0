import { eq } from 'drizzle-orm';
import { knownSchemaVersions, restoreTables } from '@/db/restore-catalog';
import { actAsSystemInTransaction, actAsTenantInTransaction } from '@/db/restore-insert';
import { workspaces } from '@/db/schema';
import { withSystem, type Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { storage, type FileStorage } from '@/lib/storage';
import { createOwnedWorkspace } from '@/lib/tenancy/create-workspace';
import { NO_REQUEST_META } from '@/lib/tenancy/request-meta';
import { currencySchema, timeZoneSchema } from '@/lib/tenancy/workspace-fields';
import { planRestore } from './restore-plan';
import { ProblemList, RestoreRefused, type RestoreReport } from './restore-report';
import { RESTORED_WORKSPACE_SETTINGS } from './restore-skip';
import { danglingProblems, IdMaps, restoreTable, verifyRestored } from './restore-insert';
import { checkSchema, validateFiles } from './restore-validate';
import { readLines, openRestoreZip, type RestoreZip } from './restore-zip';

export type RestoreInput = {
  /** The zip in storage (an export, a snapshot or an upload, already checked to be the requester's). */
  storageKey: string;
  /** Who restores: the new workspace's sole owner. */
  userId: string;
  store?: FileStorage;
  /** Runs last inside the restore's transaction, as app_system (records the outcome with the restore). */
  beforeCommit?: (tx: Tx, report: Extract<RestoreReport, { ok: true }>) => Promise<void>;
};

/** The source workspace row's settings (timezone, currency, two-factor), if they are valid here. */
async function sourceSettings(zip: RestoreZip): Promise<{ timezone: string; currency: string; requireTwoFactor: boolean }> {
  const entry = zip.manifest.tables.find((t) => t.name === 'workspaces')!;
  let row: Record<string, unknown> = {};
  await readLines(await zip.open(entry.files.ndjson), (line) => {
    row = JSON.parse(line) as Record<string, unknown>;
  });
  const timezone = timeZoneSchema.safeParse(row.timezone);
  const currency = currencySchema.safeParse(row.currency);
  void RESTORED_WORKSPACE_SETTINGS;
  return { timezone: timezone.success ? timezone.data : 'UTC', currency: currency.success ? currency.data : 'USD', requireTwoFactor: row.require_two_factor === true };
}

function restoredName(name: string): string {
  const suffix = ' (restored)';
  return `${name.trim().slice(0, 64 - suffix.length).trim() || 'Workspace'}${suffix}`;
}

/**
 * Restores an export or snapshot into a NEW workspace (the README's *Restoring* says what is and
 * isn't restored). Everything is checked before the one transaction opens; inside it the
 * workspace is created the way lib/tenancy creates one, the rows go in parents first with new
 * ids, and the counts and sums are checked against the rows now there. Any problem rolls it all
 * back and comes back as the report; nothing of the restore exists then.
 */
export async function restoreIntoNewWorkspace(input: RestoreInput): Promise<RestoreReport> {
  let zip: RestoreZip | null = null;
  try {
    zip = await openRestoreZip(input.store ?? storage(), input.storageKey);
    const problems = new ProblemList();
    // Cheapest first: the schema, then the manifest against this installation's tables, then every file.
    checkSchema(zip, await knownSchemaVersions(), problems);
    problems.throwIfAny();
    const catalog = await withSystem('privacy: restore reads the catalog', (tx) => restoreTables(tx));
    const plan = planRestore(zip.manifest, catalog, problems);
    problems.throwIfAny();
    await validateFiles(zip, problems);
    problems.throwIfAny();
    const settings = await sourceSettings(zip);
    const opened = zip;
    const { manifest } = opened;

    return await withSystem('privacy: restore a workspace', async (tx) => {
      const created = await createOwnedWorkspace(
        tx,
        input.userId,
        { name: restoredName(manifest.workspace.name), timezone: settings.timezone, currency: settings.currency as never },
        NO_REQUEST_META,
        { slugFrom: manifest.workspace.slug },
      );
      if (settings.requireTwoFactor) await tx.update(workspaces).set({ requireTwoFactor: true }).where(eq(workspaces.id, created.id));
      await actAsTenantInTransaction(tx, created.id, input.userId);
      const ids = new IdMaps();
      const rows: Record<string, number> = {};
      const target = { tenantId: created.id, sourceTenantId: manifest.workspace.id, userId: input.userId };
      for (const table of plan.tables) {
        const count = await restoreTable(tx, opened, table, ids, target);
        // The report names what came back; every product's empty tables would only bury it.
        if (count > 0) rows[table.name] = count;
      }
      danglingProblems(plan.tables, ids, problems);
      await verifyRestored(tx, plan.tables, created.id, problems);
      problems.throwIfAny();
      await recordWorkspaceAudit(tx, created.id, {
        action: 'workspace.restored',
        actorUserId: input.userId,
        targetType: 'workspace',
        targetId: created.id,
        metadata: {
          source: { workspaceId: manifest.workspace.id, name: manifest.workspace.name, slug: manifest.workspace.slug },
          exportedAt: manifest.exportedAt,
          schema: manifest.schema,
          zipSha256: opened.sha256,
          rows,
          skipped: plan.skipped,
        },
      });
      const report = { ok: true as const, workspace: created, rows, skipped: plan.skipped };
      await actAsSystemInTransaction(tx);
      await input.beforeCommit?.(tx, report);
      return report;
    });
  } catch (error) {
    if (error instanceof RestoreRefused) return { ok: false, problems: error.problems };
    throw error;
  } finally {
    await zip?.close();
  }
}
