import { withSystem } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import { dispatchAfterResponse, enqueueWorkflow } from '@/lib/jobs/outbox';
import { isUniqueViolation } from '@/lib/tenancy/db-errors';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import {
  failStaleAccountExports,
  findAccountExport,
  findActiveAccountExport,
  insertQueuedAccountExport,
  listAccountExports,
  type AccountExport,
} from './account-export-rows';
import { signedAccountExportUrl } from './account-export-finish';
import { STALE_EXPORT_MS } from './export';
import { accountExportWorkflow } from './workflows';

export type { AccountExport } from './account-export-rows';

const BUSY = 'An export of your account is already being prepared.';

/** "Export my data": queues the workflow with its row and the security-log entry, in one transaction. One at a time. */
export async function requestAccountExport(userId: string, meta: RequestMeta, now = new Date()): Promise<AccountExport> {
  const row = await withSystem('privacy: request an account export', async (tx) => {
    await failStaleAccountExports(tx, userId, new Date(now.getTime() - STALE_EXPORT_MS));
    if (await findActiveAccountExport(tx, userId)) throw new AppError('conflict', BUSY);
    let row: AccountExport;
    try {
      row = await insertQueuedAccountExport(tx, userId);
    } catch (error) {
      if (isUniqueViolation(error, 'account_exports_one_active_idx')) throw new AppError('conflict', BUSY);
      throw error;
    }
    await recordAccountAudit(tx, userId, { action: 'privacy.account_export_requested', actorUserId: userId, targetType: 'account_export', targetId: row.id, ip: meta.ip, userAgent: meta.userAgent });
    await enqueueWorkflow(tx, accountExportWorkflow, { userId, exportId: row.id });
    return row;
  });
  // userAction has no events hook (workspaceAction does): start the workflow once the response is out.
  dispatchAfterResponse();
  return row;
}

export function accountExportsOf(userId: string): Promise<AccountExport[]> {
  return withSystem('privacy: list account exports', (tx) => listAccountExports(tx, userId));
}

/** A download link for one of the person's own ready exports (someone else's id is not found). */
export async function accountExportDownloadUrl(userId: string, exportId: string, now = new Date()): Promise<{ url: string; expiresAt: Date }> {
  const row = await withSystem('privacy: find an account export', (tx) => findAccountExport(tx, userId, exportId));
  if (!row) throw new AppError('not_found', 'No such export.');
  return signedAccountExportUrl(row, now);
}

