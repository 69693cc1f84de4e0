'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { requestWorkspaceExport } from '@/lib/privacy';

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
