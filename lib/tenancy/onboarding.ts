import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { memberships, users } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { createOwnedWorkspace, type CreatedWorkspace } from './create-workspace';
import type { RequestMeta } from './request-meta';
import type { WorkspaceGeneralInput } from './workspace-fields';

// Onboarding touches the user's own row (platform data) and creates a workspace: system work, in
// the transaction the entry point (lib/tenancy/signed-in.ts) opens.

export type OnboardingState = {
  name: string | null;
  timezone: string;
  currency: string;
  onboarded: boolean;
  workspaceCount: number;
};

export async function onboardingState(tx: Tx, userId: string): Promise<OnboardingState> {
  const [user] = await tx
    .select({ name: users.name, timezone: users.timezone, currency: users.currency, onboardedAt: users.onboardedAt })
    .from(users)
    .where(eq(users.id, userId));
  const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.userId, userId));
  return {
    name: user?.name ?? null,
    timezone: user?.timezone ?? 'UTC',
    currency: user?.currency ?? 'USD',
    onboarded: Boolean(user?.onboardedAt),
    workspaceCount: Number(n),
  };
}

/**
 * Step 1: the profile name and the user's own time zone and currency, and their first workspace
 * with the same settings, together.
 */
export async function startOnboarding(
  tx: Tx,
  userId: string,
  input: WorkspaceGeneralInput & { profileName: string },
  meta: RequestMeta,
): Promise<CreatedWorkspace> {
  await tx
    .update(users)
    .set({ name: input.profileName, timezone: input.timezone, currency: input.currency, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
  return createOwnedWorkspace(tx, userId, { name: input.name, timezone: input.timezone, currency: input.currency }, meta);
}

/** Marks onboarding done; the first completion wins, repeats are no-ops. */
export async function completeOnboarding(tx: Tx, userId: string): Promise<void> {
  await tx.update(users).set({ onboardedAt: sql`now()` }).where(and(eq(users.id, userId), isNull(users.onboardedAt)));
}
