import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { listAccountSecurityEvents, type SecurityEvent } from '@/lib/audit/queries';
import { listAccountSessions, type AccountSession } from './account-sessions';
import { linkedProviders } from './oauth-link';
import { getTwoFactorStatus, pendingEnrolmentSetup, type TwoFactorStatus } from './two-factor/enrolment';

export type SecurityOverview = {
  timezone: string;
  email: string;
  emailVerified: boolean;
  hasPassword: boolean;
  /** Providers (google, github) that sign in to this account. */
  linkedProviders: string[];
  twoFactor: TwoFactorStatus;
  /** Only while enrolment is pending: the secret is shown once more until a code confirms it. */
  pendingSetup: { secret: string; uri: string } | null;
  sessions: AccountSession[];
  events: SecurityEvent[];
};

/** Everything Account → Security shows, read in one transaction. */
export async function loadSecurityOverview(tx: Tx, userId: string, currentSessionId: string | null): Promise<SecurityOverview> {
  const [user] = await tx
    .select({ timezone: users.timezone, passwordHash: users.passwordHash, email: users.email, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  const twoFactor = await getTwoFactorStatus(tx, userId);
  return {
    timezone: user?.timezone ?? 'UTC',
    email: user?.email ?? '',
    emailVerified: Boolean(user?.emailVerified),
    hasPassword: Boolean(user?.passwordHash),
    linkedProviders: await linkedProviders(tx, userId),
    twoFactor,
    pendingSetup: twoFactor.state === 'pending' ? await pendingEnrolmentSetup(tx, userId) : null,
    sessions: await listAccountSessions(tx, userId, currentSessionId),
    events: await listAccountSecurityEvents(tx, userId, { limit: 20 }),
  };
}
