import { z } from 'zod';
import type { Tx } from '@/db/tenant';
import { usageSummary } from '@/lib/billing/usage';

export const usageQuery = z.object({
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use YYYY-MM.')
    .optional()
    .meta({ description: 'The month (UTC), YYYY-MM; default the current one.', example: '2026-12' }),
});

export const usageResponse = z
  .object({
    period: z.string().meta({ description: 'The month, YYYY-MM (UTC).' }),
    plan: z.object({ id: z.string(), name: z.string() }),
    metrics: z.array(
      z.object({
        metric: z.string(),
        label: z.string(),
        used: z.number().int(),
        quota: z.number().int().nullable().meta({ description: 'Null: unlimited.' }),
        percent: z.number().int().nullable(),
        daily: z.array(z.object({ date: z.string(), amount: z.number().int() })),
      }),
    ),
  })
  .meta({ id: 'Usage' });

export async function describeUsage(tx: Tx, tenantId: string, period?: string): Promise<z.input<typeof usageResponse>> {
  const summary = await usageSummary(tx, tenantId, period ? `${period}-01` : undefined);
  return {
    period: summary.period.slice(0, 7),
    plan: { id: summary.planId, name: summary.planName },
    metrics: summary.metrics.map(({ metric, label, used, quota, percent, daily }) => ({ metric, label, used, quota, percent, daily })),
  };
}
