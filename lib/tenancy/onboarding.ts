import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { memberships, users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { createOwnedWorkspaceInTx, type CreatedWorkspace } from './create-workspace';
import { isUniqueViolation } from './db-errors';
import type { RequestMeta } from './request-meta';
import type { WorkspaceGeneralInput } from './workspace-fields';

export type OnboardingState = {
  name: string | null;
  timezone: string;
  currency: string;
  onboarded: boolean;
  workspaceCount: number;
};

export async function onboardingState(userId: string): Promise<OnboardingState> {
  return withSystem('tenancy: onboarding state', async (tx) => {
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
  });
}

/**
 * Step 1: the profile name and the user's own time zone and currency, and their first workspace
 * with the same settings, in one transaction (users is platform data: system work).
 */
export async function startOnboarding(
  userId: string,
  input: WorkspaceGeneralInput & { profileName: string },
  meta: RequestMeta,
): Promise<CreatedWorkspace> {
  try {
    return await withSystem('tenancy: onboarding: profile and first workspace', async (tx) => {
      await tx
        .update(users)
        .set({ name: input.profileName, timezone: input.timezone, currency: input.currency, updatedAt: sql`now()` })
        .where(eq(users.id, userId));
      return createOwnedWorkspaceInTx(tx, userId, { name: input.name, timezone: input.timezone, currency: input.currency }, meta);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'That name was just taken. Please submit again.');
    throw error;
  }
}

/** Marks onboarding done; the first completion wins, repeats are no-ops. */
export async function completeOnboarding(userId: string): Promise<void> {
  await withSystem('tenancy: onboarding complete', (tx) =>
    tx.update(users).set({ onboardedAt: sql`now()` }).where(and(eq(users.id, userId), isNull(users.onboardedAt))),
  );
}
