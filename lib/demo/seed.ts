import { and, count, eq, sql } from 'drizzle-orm';
import { withSystem } from '@/db/tenant';
import { memberships, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { createWorkspace } from '@/lib/tenancy/workspaces';
import { DEMO_TEAMMATE, DEMO_USER, DEMO_WORKSPACES } from './demo-accounts';

export type SeedResult = { seeded: boolean; email: string; password: string; workspaces: string[] };

/**
 * The demo user, a teammate and two workspaces, so a new install opens on a living product. Only
 * on an empty database: an install that already has users is never touched. Product modules add
 * their own demo data here as they land.
 */
export async function seedDemoIfEmpty(): Promise<SeedResult> {
  const passwordHash = await hashPassword(DEMO_USER.password);
  const seeded = await withSystem('seed: seed demo data', async (tx) => {
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(users);
    if (n > 0) return false;
    const [demo] = await tx
      .insert(users)
      .values({ email: DEMO_USER.email, name: DEMO_USER.name, passwordHash, emailVerified: new Date(), onboardedAt: new Date(), timezone: 'Europe/London', currency: 'GBP' })
      .returning();
    const [teammate] = await tx
      .insert(users)
      .values({ email: DEMO_TEAMMATE.email, name: DEMO_TEAMMATE.name, emailVerified: new Date(), onboardedAt: new Date() })
      .returning();
    for (const [index, workspace] of DEMO_WORKSPACES.entries()) {
      // A Team trial: the demo shows every feature, and has the seats a tour (or the e2e suite, on
      // two viewports) needs to invite people.
      const created = await createWorkspace(tx, { ...workspace, ownerId: demo!.id, trialPlanId: 'team' });
      await tx.insert(memberships).values({ tenantId: created.id, userId: teammate!.id, role: 'member' });
      // `/w` opens the workspace joined first (until a cookie remembers another): make that the first demo one.
      if (index === 0) {
        await tx
          .update(memberships)
          .set({ createdAt: sql`now() - interval '1 minute'` })
          .where(and(eq(memberships.tenantId, created.id), eq(memberships.userId, demo!.id)));
      }
    }
    return true;
  });
  return { seeded, email: DEMO_USER.email, password: DEMO_USER.password, workspaces: DEMO_WORKSPACES.map((w) => w.slug) };
}
