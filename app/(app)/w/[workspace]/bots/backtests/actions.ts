'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { candleUploadTarget, createBacktest, MAX_CANDLE_UPLOAD_BYTES } from '@/lib/bots/backtest/backtests';
import { AppError } from '@/lib/errors/app-error';

const options = { permission: 'products.write', component: 'bots' } as const;

/** Step 1 of a backtest on your own candles: where the browser PUTs the file. */
export const candleUploadTargetAction = workspaceAction(
  {
    ...options,
    input: z.object({
      size: z.coerce
        .number('Choose a candle file.')
        .int()
        .min(1, 'The file is empty.')
        .max(MAX_CANDLE_UPLOAD_BYTES, `The file is larger than ${MAX_CANDLE_UPLOAD_BYTES / 1024 / 1024} MB.`),
    }),
  },
  async ({ access, input }) => {
    const { key, target } = await candleUploadTarget(access.ctx, input.size);
    return { key, url: target.url, method: target.method, headers: target.headers };
  },
);

// The form sends the whole input as one JSON field (strategy params are nested); lib/bots checks it
// all at once, with field errors keyed by path and, for a bad candle file, its rows.
export const createBacktestAction = workspaceAction({ ...options, input: z.object({ config: z.string().min(2).max(100_000) }) }, async ({ input, tx, access, meta }) => {
  let raw: unknown;
  try {
    raw = JSON.parse(input.config);
  } catch {
    throw new AppError('bad_request', 'The form could not be read. Reload the page and try again.');
  }
  const backtest = await createBacktest(tx, access.ctx, raw, meta);
  revalidatePath(`/w/${access.workspace.slug}/bots/backtests`);
  redirect(`/w/${access.workspace.slug}/bots/backtests/${backtest.id}`);
});
