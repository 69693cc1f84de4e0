'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { requestWorkspaceExport } from '@/lib/privacy';
import { MAX_RESTORE_UPLOAD_BYTES, requestRestoreFromExport, requestRestoreFromUpload, restoreUploadTarget } from '@/lib/privacy/restore-request';

// Exporting reads the workspace, so it still works while a deletion is scheduled: that is when
// people most want their data.
export const requestExportAction = workspaceAction(
  { input: z.object({}), permission: 'privacy.export', component: 'privacy', whileDeletionScheduled: 'allowed' },
  async ({ tx, access, meta }) => {
    const row = await requestWorkspaceExport(tx, access.ctx, meta);
    revalidatePath(`/w/${access.workspace.slug}/settings/privacy`);
    return { exportId: row.id };
  },
);

// Restoring creates a NEW workspace from a zip; this workspace only gains the request row, so it
// works while a deletion is scheduled too (moving the data out is the point then).
export const restoreFromExportAction = workspaceAction(
  { input: z.object({ exportId: z.uuid('Choose an export or snapshot.') }), permission: 'privacy.export', component: 'privacy', whileDeletionScheduled: 'allowed' },
  async ({ tx, access, meta, input }) => {
    const row = await requestRestoreFromExport(tx, access.ctx, meta, input.exportId);
    revalidatePath(`/w/${access.workspace.slug}/settings/privacy`);
    return { restoreId: row.id };
  },
);

/** Step 1 of importing an export: where the browser PUTs the zip (a key under this workspace's prefix). */
export const restoreUploadTargetAction = workspaceAction(
  {
    input: z.object({
      size: z.coerce
        .number('Choose a zip file.')
        .int()
        .min(1, 'The file is empty.')
        .max(MAX_RESTORE_UPLOAD_BYTES, 'The file is larger than 2 GB.'),
    }),
    permission: 'privacy.export',
    component: 'privacy',
    whileDeletionScheduled: 'allowed',
  },
  async ({ access, input }) => {
    const { key, target } = await restoreUploadTarget(access.ctx, input.size);
    return { key, url: target.url, method: target.method, headers: target.headers };
  },
);

/** Step 2: the zip is in storage; check it and queue its restore. */
export const restoreFromUploadAction = workspaceAction(
  { input: z.object({ key: z.string().min(1).max(200) }), permission: 'privacy.export', component: 'privacy', whileDeletionScheduled: 'allowed' },
  async ({ tx, access, meta, input }) => {
    const row = await requestRestoreFromUpload(tx, access.ctx, meta, input.key);
    revalidatePath(`/w/${access.workspace.slug}/settings/privacy`);
    return { restoreId: row.id };
  },
);
