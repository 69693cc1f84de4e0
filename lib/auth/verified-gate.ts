import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';

/**
 * What an unconfirmed account may not do yet: anything that sends mail in Tessera's name to
 * other people, or spends money. One gate, so every such action refuses the same way.
 */
const GATED = {
  invite: 'Verify your email before inviting.',
  pay: 'Verify your email before adding a payment method or changing your plan.',
} as const;

export type VerifiedOnlyAction = keyof typeof GATED;

/**
 * Throws `forbidden` unless the user has confirmed their address. users is platform data that
 * app_user can't read, so this is a system read before the caller's tenant transaction.
 */
export async function requireVerifiedEmail(userId: string | null, action: VerifiedOnlyAction): Promise<void> {
  if (!userId) throw new AppError('forbidden', 'Sign in first.');
  const [row] = await withSystem(`auth: verified email check (${action})`, (tx) =>
    tx.select({ verified: users.emailVerified }).from(users).where(eq(users.id, userId)).limit(1),
  );
  if (!row?.verified) throw new AppError('forbidden', GATED[action], { reason: 'email_unverified' });
}
