import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { moneyMemberSettings } from '@/db/schema';
import type { TenantContext, Tx } from '@/db/tenant';
import { recordWorkspaceAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors/app-error';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { parseOrThrow } from './transactions/field-errors';

// A member's own Money preferences in a workspace: the weekly summary email, off until they turn
// it on. Budget alerts are not here: they go to the workspace's owners and admins.

export type MemberMoneySettings = { weeklySummary: boolean; lastWeeklySentOn: string | null };

export const memberSettingsSchema = z.strictObject({ weeklySummary: z.boolean({ error: 'Choose on or off.' }) });

export async function getMemberMoneySettings(tx: Tx, userId: string): Promise<MemberMoneySettings> {
  const [row] = await tx.select().from(moneyMemberSettings).where(eq(moneyMemberSettings.userId, userId));
  return { weeklySummary: row?.weeklySummary ?? false, lastWeeklySentOn: row?.lastWeeklySentOn ?? null };
}

export async function updateMemberMoneySettings(tx: Tx, ctx: TenantContext, raw: unknown, meta: RequestMeta): Promise<MemberMoneySettings> {
  if (!ctx.userId) throw new AppError('forbidden', 'Email preferences belong to a person: sign in to change yours.');
  const { weeklySummary } = parseOrThrow(memberSettingsSchema, raw);
  await tx
    .insert(moneyMemberSettings)
    .values({ tenantId: ctx.tenantId, userId: ctx.userId, weeklySummary })
    .onConflictDoUpdate({ target: [moneyMemberSettings.tenantId, moneyMemberSettings.userId], set: { weeklySummary, updatedAt: sql`now()` } });
  await recordWorkspaceAudit(tx, ctx.tenantId, { action: 'money.settings_changed', actorUserId: ctx.userId, targetType: 'user', targetId: ctx.userId, metadata: { weeklySummary }, ...meta });
  return getMemberMoneySettings(tx, ctx.userId);
}
