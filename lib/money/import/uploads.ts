import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { moneyAccounts, moneyImports } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { confirmUpload, storage, tenantKey, tenantPrefix, type FileStorage, type UploadTarget } from '@/lib/storage';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { commitImport, type CommitResult } from './commit-import';
import { planImport, type ImportPlan } from './plan-import';
import { rollbackImport } from './rollback-import';

// Bank files uploaded by the browser straight to storage (the presigned PUT, or the local
// backend's streamed upload route — the bots candle upload's mechanism), then one money_imports
// row per file: read at once (the preview is stored on the row), committed when the person says
// so, rolled back from the same row. Reading and committing run inline in the request: a bank
// export is a few thousand rows, read and written in well under a second.

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
 * Records an uploaded file and reads it: `ready` with its preview, or `failed` with the reason a
 * person can act on (the file's currency, several accounts in one file, nothing readable). The
 * row is written either way, so the imports page lists what happened to every upload.
 */
export async function createUploadedImport(tx: Tx, ctx: TenantContext, raw: unknown, meta: RequestMeta, store: FileStorage = storage()): Promise<MoneyImport> {
  const input = uploadedImportSchema.parse(raw);
  if (!ownUpload(ctx.tenantId, input.key)) throw new AppError('not_found', 'No such upload.');
  const [account] = await tx.select({ id: moneyAccounts.id, archivedAt: moneyAccounts.archivedAt }).from(moneyAccounts).where(eq(moneyAccounts.id, input.accountId));
  if (!account || account.archivedAt) throw new AppError('validation_failed', 'Pick one of your open accounts.', { field: 'accountId' });
  const bytes = await readUpload(store, input.key);
  const [row] = await tx
    .insert(moneyImports)
    .values({ tenantId: ctx.tenantId, groupId: input.groupId ?? randomUUID(), accountId: input.accountId, status: 'reading', fileName: input.fileName, sizeBytes: bytes.byteLength, storageKey: input.key, createdBy: ctx.userId })
    .returning();
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.import_uploaded', actorUserId: ctx.userId, targetType: 'money_import', targetId: row!.id, metadata: { file: input.fileName, size: bytes.byteLength }, ...meta });
  return readImport(tx, row!, bytes);
}

async function readImport(tx: Tx, row: MoneyImport, bytes: Uint8Array): Promise<MoneyImport> {
  let values: Partial<MoneyImport>;
  try {
    const plan = await planImport(tx, { accountId: row.accountId, fileName: row.fileName, bytes, groupId: row.groupId, ...row.options });
    values = { status: 'ready', progress: 100, summary: summaryOf(plan), previewRows: previewRowsOf(plan), problems: plan.problems.map((p) => ({ line: p.line, message: p.message })), error: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    values = { status: 'failed', progress: 100, error: error.message, finishedAt: new Date() };
  }
  const [updated] = await tx.update(moneyImports).set({ ...values, updatedAt: new Date() }).where(eq(moneyImports.id, row.id)).returning();
  return updated!;
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
  const result = await commitImport(tx, ctx, { accountId: row.accountId, fileName: row.fileName, bytes, groupId: row.groupId, ...row.options, ...options }, meta);
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
