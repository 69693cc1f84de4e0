import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { moneyAccounts, moneyImports, users, workspaces } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { appUrl, queueTemplate } from '@/lib/email/templates';
import { enqueueWorkflow } from '@/lib/jobs/outbox';
import { AppError } from '@/lib/errors/app-error';
import { confirmUpload, storage, tenantKey, tenantPrefix, type FileStorage, type UploadTarget } from '@/lib/storage';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { currencyCode } from '@/lib/currency';
import { getAccount } from '../accounts';
import { commitImport, type CommitResult } from './commit-import';
import { decodeBankFile, type Mapping, type MappingSuggestion, mappingSchema, suggestMapping } from './csv';
import { normaliseText, readRecords } from './csv/records';
import { findSavedFormat, markFormatUsed, saveFormat } from './import-formats';
import { planImport, type ImportPlan } from './plan-import';
import { rollbackImport } from './rollback-import';
import { ImportFileError } from './statement';

// Bank files uploaded by the browser straight to storage (the presigned PUT, or the local
// backend's streamed upload route — the bots candle upload's mechanism), then one money_imports
// row per file: read by the money-import-read workflow (the preview is stored on the row, the
// uploader gets an email), committed when the person says so (in the request: one transaction
// of at most a few seconds for 100,000 rows), rolled back from the same row.

export const MAX_IMPORT_UPLOAD_BYTES = 20 * 1024 * 1024;
export const PREVIEW_ROWS = 100;

export type MoneyImport = typeof moneyImports.$inferSelect;

/** What the preview page shows, stored as JSON (amounts as strings: no bigint in jsonb). */
export type ImportSummary = {
  format: string;
  preset: string | null;
  currency: string;
  alreadyImportedBatchId: string | null;
  counts: ImportPlan['counts'];
  balance: { statedMinor: string; on: string; computedMinor: string; basis: 'file' | 'account'; matches: boolean } | null;
  notes: string[];
  ruleNames: Record<string, string>;
};

export type PreviewRow = {
  line: number;
  bookedOn: string;
  amountMinor: string;
  payee: string;
  memo: string | null;
  verdict: 'new' | 'duplicate' | 'possible_duplicate';
  duplicateBy: 'content' | 'reference' | 'batch' | null;
  crossAccount: boolean;
  merchant: string | null;
  categoryId: string | null;
  bucket: string;
  tags: string[];
  isTransfer: boolean;
  skip: boolean;
  ruleIds: string[];
};

const ownUpload = (tenantId: string, key: string) =>
  key.startsWith(`${tenantPrefix(tenantId)}uploads/money-import-`) && /^[0-9a-f-]{36}\/uploads\/money-import-[0-9a-f-]{36}$/.test(key);

/** Where the browser PUTs one bank file: a fresh key under this workspace's uploads. */
export async function importUploadTarget(ctx: TenantContext, size: number, store: FileStorage = storage()): Promise<{ key: string; target: UploadTarget }> {
  if (!Number.isInteger(size) || size < 1 || size > MAX_IMPORT_UPLOAD_BYTES) throw new AppError('payload_too_large', `Bank files are at most ${MAX_IMPORT_UPLOAD_BYTES / 1024 / 1024} MB.`);
  const key = tenantKey(ctx.tenantId, 'uploads', `money-import-${randomUUID()}`);
  const target = await store.signedUploadTarget(key, { expiresInSeconds: 3600, maxBytes: MAX_IMPORT_UPLOAD_BYTES, size });
  return { key, target };
}

async function readUpload(store: FileStorage, key: string): Promise<Uint8Array> {
  const object = await confirmUpload(store, key, { maxBytes: MAX_IMPORT_UPLOAD_BYTES });
  const file = object ? await store.get(key) : null;
  if (!file) throw new AppError('bad_request', 'The file did not arrive. Please upload it again.');
  const chunks: Buffer[] = [];
  for await (const chunk of file.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return new Uint8Array(Buffer.concat(chunks));
}

export const uploadedImportSchema = z.strictObject({
  accountId: z.uuid('Pick the account the file goes into.'),
  key: z.string().min(1, 'Choose a file.').max(200),
  fileName: z.string().trim().min(1, 'Choose a file.').max(255),
  groupId: z.uuid().optional(),
});

function summaryOf(plan: ImportPlan): ImportSummary {
  return {
    format: plan.format,
    preset: plan.preset,
    currency: plan.account.currency,
    alreadyImportedBatchId: plan.alreadyImportedBatchId,
    counts: plan.counts,
    balance: plan.balance
      ? { statedMinor: plan.balance.stated.amountMinor.toString(), on: plan.balance.stated.on, computedMinor: plan.balance.computedMinor.toString(), basis: plan.balance.basis, matches: plan.balance.matches }
      : null,
    notes: plan.notes,
    ruleNames: plan.ruleNames,
  };
}

function previewRowsOf(plan: ImportPlan): PreviewRow[] {
  return plan.rows.slice(0, PREVIEW_ROWS).map((row) => ({
    line: row.line,
    bookedOn: row.bookedOn,
    amountMinor: row.amountMinor.toString(),
    payee: row.payee,
    memo: row.memo,
    verdict: row.verdict,
    duplicateBy: row.duplicateBy,
    crossAccount: row.crossAccount,
    merchant: row.rules.merchant,
    categoryId: row.rules.categoryId,
    bucket: row.rules.bucket,
    tags: row.rules.tags,
    isTransfer: row.rules.isTransfer,
    skip: row.rules.skip,
    ruleIds: row.rules.ruleIds.concat(row.rules.aliasId ? [row.rules.aliasId] : []),
  }));
}

/**
 * Records an uploaded file (`uploaded`) and queues its reading (the money-import-read workflow:
 * readQueuedImport). The row is written whatever the file holds, so the imports page lists what
 * happened to every upload.
 */
export async function createUploadedImport(tx: Tx, ctx: TenantContext, raw: unknown, meta: RequestMeta, store: FileStorage = storage()): Promise<MoneyImport> {
  const input = uploadedImportSchema.parse(raw);
  if (!ownUpload(ctx.tenantId, input.key)) throw new AppError('not_found', 'No such upload.');
  const [account] = await tx.select({ id: moneyAccounts.id, archivedAt: moneyAccounts.archivedAt }).from(moneyAccounts).where(eq(moneyAccounts.id, input.accountId));
  if (!account || account.archivedAt) throw new AppError('validation_failed', 'Pick one of your open accounts.', { field: 'accountId' });
  const object = await confirmUpload(store, input.key, { maxBytes: MAX_IMPORT_UPLOAD_BYTES });
  if (!object) throw new AppError('bad_request', 'The file did not arrive. Please upload it again.');
  const [row] = await tx
    .insert(moneyImports)
    .values({ tenantId: ctx.tenantId, groupId: input.groupId ?? randomUUID(), accountId: input.accountId, status: 'uploaded', fileName: input.fileName, sizeBytes: object.size, storageKey: input.key, createdBy: ctx.userId })
    .returning();
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.import_uploaded', actorUserId: ctx.userId, targetType: 'money_import', targetId: row!.id, metadata: { file: input.fileName, size: object.size }, ...meta });
  const { moneyImportReadWorkflow } = await import('@/lib/money/workflows');
  await enqueueWorkflow(tx, moneyImportReadWorkflow, { tenantId: ctx.tenantId, importId: row!.id });
  return row!;
}

/** The workflow's first step: `uploaded` → `reading` (its own transaction, so the page shows it). False when already taken. */
export async function claimImportForReading(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx
    .update(moneyImports)
    .set({ status: 'reading', progress: 30, updatedAt: new Date() })
    .where(and(eq(moneyImports.id, id), inArray(moneyImports.status, ['uploaded', 'reading'])))
    .returning({ id: moneyImports.id });
  return rows.length > 0;
}

/** The workflow's second step: reads the claimed file into its preview (or the reason it can't be). */
export async function readQueuedImport(tx: Tx, id: string, store: FileStorage = storage()): Promise<MoneyImport | null> {
  const row = await getImport(tx, id, { lock: true });
  if (row.status !== 'reading') return null;
  try {
    return await readImport(tx, row, await readUpload(store, row.storageKey));
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const [failed] = await tx.update(moneyImports).set({ status: 'failed', progress: 100, error: error.message, finishedAt: new Date(), updatedAt: new Date() }).where(eq(moneyImports.id, id)).returning();
    return failed!;
  }
}

/** The workflow's last attempt failed for a reason of ours: the row says so instead of spinning. */
export async function failImportRead(tx: Tx, id: string): Promise<void> {
  await tx
    .update(moneyImports)
    .set({ status: 'failed', progress: 100, error: 'Tessera could not read this file because of a fault on our side. Please try uploading it again.', finishedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(moneyImports.id, id), inArray(moneyImports.status, ['uploaded', 'reading'])));
}

/** The uploader's email when the read is over: ready to review, needs a mapping, or failed. */
export async function announceImportRead(tx: Tx, tenantId: string, row: MoneyImport): Promise<void> {
  if (!row.createdBy || !['ready', 'needs_mapping', 'failed'].includes(row.status)) return;
  const [person] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, row.createdBy));
  const [workspace] = await tx.select({ name: workspaces.name, slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, tenantId));
  const [account] = await tx.select({ name: moneyAccounts.name }).from(moneyAccounts).where(eq(moneyAccounts.id, row.accountId));
  if (!person || !workspace) return;
  const summary = row.summary as ImportSummary | null;
  const rows: [string, string][] =
    row.status === 'ready' && summary
      ? [
          ['New', String(summary.counts.new)],
          ['Duplicates', String(summary.counts.duplicate)],
          ['Possible duplicates', String(summary.counts.possibleDuplicate)],
          ['Rows that could not be read', String(summary.counts.problems)],
        ]
      : [];
  await queueTemplate(
    tx,
    'money-import-finished',
    person.email,
    {
      name: person.name,
      workspaceName: workspace.name,
      fileName: row.fileName,
      accountName: account?.name ?? 'your account',
      outcome: row.status as 'ready' | 'needs_mapping' | 'failed',
      reason: row.error,
      rows,
      importUrl: appUrl(`/w/${workspace.slug}/money/imports/${row.id}`),
    },
    { tenantId },
  );
}

const mappingOf = (row: MoneyImport): Mapping | undefined => (row.mapping ? mappingSchema.parse(row.mapping) : undefined);

/**
 * Reads the file into its preview. A CSV no preset knows is read with the workspace's saved format
 * for its header when there is one, else the row waits for the mapping wizard (`needs_mapping`).
 */
async function readImport(tx: Tx, row: MoneyImport, bytes: Uint8Array): Promise<MoneyImport> {
  let values: Partial<MoneyImport>;
  try {
    let mapping = mappingOf(row);
    let plan: ImportPlan;
    try {
      plan = await planImport(tx, { accountId: row.accountId, fileName: row.fileName, bytes, groupId: row.groupId, ...row.options, mapping });
    } catch (error) {
      if (mapping || !(error instanceof ImportFileError) || error.code !== 'unrecognised') throw error;
      const account = await getAccount(tx, row.accountId);
      const saved = await findSavedFormat(tx, suggestMapping(decodeBankFile(bytes).text, { currency: currencyCode(account.currency) }).headerSignature);
      if (!saved) throw error;
      mapping = saved.mapping;
      await markFormatUsed(tx, saved.id);
      plan = await planImport(tx, { accountId: row.accountId, fileName: row.fileName, bytes, groupId: row.groupId, ...row.options, mapping });
      plan.notes.unshift(`Read with your saved format “${saved.name}”.`);
    }
    values = { status: 'ready', progress: 100, mapping: mapping ?? null, summary: summaryOf(plan), previewRows: previewRowsOf(plan), problems: plan.problems.map((p) => ({ line: p.line, message: p.message })), error: null };
  } catch (error) {
    if (error instanceof ImportFileError && error.code === 'unrecognised') values = { status: 'needs_mapping', progress: 100, error: error.message };
    else if (error instanceof AppError || error instanceof ImportFileError) values = { status: 'failed', progress: 100, error: error.message, finishedAt: new Date() };
    else throw error;
  }
  const [updated] = await tx.update(moneyImports).set({ ...values, updatedAt: new Date() }).where(eq(moneyImports.id, row.id)).returning();
  return updated!;
}

export type MappingWizard = {
  suggestion: MappingSuggestion;
  /** The file's first records as the wizard shows them (header included when there is one). */
  sample: { line: number; cells: string[] }[];
  currency: string;
};

/** What the mapping wizard starts from: the file's own first guess and its first rows. */
export async function importMappingWizard(tx: Tx, id: string, store: FileStorage = storage()): Promise<MappingWizard> {
  const row = await getImport(tx, id);
  if (row.status !== 'needs_mapping' && row.status !== 'ready') throw new AppError('conflict', 'This import is past its preview.');
  const account = await getAccount(tx, row.accountId);
  const { text } = decodeBankFile(await readUpload(store, row.storageKey));
  const suggestion = suggestMapping(text, { currency: currencyCode(account.currency) });
  const { records } = readRecords(normaliseText(text), suggestion.draft.delimiter, { toLine: 40 });
  return { suggestion, sample: records.slice(0, 12).map((r) => ({ line: r.line, cells: r.cells })), currency: account.currency };
}

export const mapImportSchema = z.strictObject({
  mapping: z.unknown(),
  saveAs: z.string().trim().max(100).optional(),
});

/** The wizard's answer: the mapping (validated), saved as a named format when asked, then the file read again with it. */
export async function mapUploadedImport(tx: Tx, ctx: TenantContext, id: string, raw: unknown, store: FileStorage = storage()): Promise<MoneyImport> {
  const input = mapImportSchema.parse(raw);
  const mapping = mappingSchema.parse(input.mapping);
  const row = await getImport(tx, id, { lock: true });
  if (row.status !== 'needs_mapping' && row.status !== 'ready') throw new AppError('conflict', 'This import is past its preview.');
  const bytes = await readUpload(store, row.storageKey);
  if (input.saveAs) {
    const signature = suggestMapping(decodeBankFile(bytes, mapping.encoding).text).headerSignature;
    if (signature) await saveFormat(tx, ctx.tenantId, { name: input.saveAs, signature, mapping, userId: ctx.userId });
  }
  const [mapped] = await tx.update(moneyImports).set({ mapping, status: 'reading', updatedAt: new Date() }).where(eq(moneyImports.id, id)).returning();
  return readImport(tx, mapped!, bytes);
}

export async function listImports(tx: Tx, limit = 50) {
  return tx
    .select({ item: moneyImports, accountName: moneyAccounts.name })
    .from(moneyImports)
    .innerJoin(moneyAccounts, eq(moneyAccounts.id, moneyImports.accountId))
    .orderBy(desc(moneyImports.createdAt))
    .limit(limit);
}

export async function getImport(tx: Tx, id: string, options: { lock?: boolean } = {}): Promise<MoneyImport> {
  const query = tx.select().from(moneyImports).where(eq(moneyImports.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'That import does not exist.');
  return row;
}

export const commitOptionsSchema = z.strictObject({
  skipProblemRows: z.boolean().default(false),
  excludeLines: z.array(z.number().int().positive()).max(100_000).default([]),
});

/** Commits a ready import (reads the file again: what is written never rests on the stored preview). */
export async function commitUploadedImport(tx: Tx, ctx: TenantContext, id: string, raw: unknown, meta: RequestMeta, store: FileStorage = storage()): Promise<CommitResult> {
  const options = commitOptionsSchema.parse(raw);
  const row = await getImport(tx, id, { lock: true });
  if (row.status !== 'ready') throw new AppError('conflict', row.batchId ? 'This import was already committed.' : 'This import is not ready to commit.');
  const bytes = await readUpload(store, row.storageKey);
  const result = await commitImport(tx, ctx, { accountId: row.accountId, fileName: row.fileName, bytes, groupId: row.groupId, ...row.options, ...options, mapping: mappingOf(row) }, meta);
  await tx
    .update(moneyImports)
    .set({ status: result.plan.problems.length ? 'partial' : 'completed', batchId: result.batchId, options: { ...row.options, ...options }, finishedAt: new Date(), updatedAt: new Date() })
    .where(eq(moneyImports.id, id));
  return result;
}

/** Rolls back the import's batch (the import row is marked by rollbackImport). */
export async function rollbackUploadedImport(tx: Tx, ctx: TenantContext, id: string, meta: RequestMeta) {
  const row = await getImport(tx, id, { lock: true });
  if (!row.batchId) throw new AppError('conflict', 'This import was not committed.');
  return rollbackImport(tx, ctx, row.batchId, meta);
}
