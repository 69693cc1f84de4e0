import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { withSystem, type Tx } from '@/db/tenant';
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

/** The check itself, in a system transaction the caller holds (app_user can't read users.email_verified). */
export async function assertEmailVerified(tx: Tx, userId: string | null, action: VerifiedOnlyAction): Promise<void> {
  if (!userId) throw new AppError('forbidden', 'Sign in first.');
  const [row] = await tx.select({ verified: users.emailVerified }).from(users).where(eq(users.id, userId)).limit(1);
  if (!row?.verified) throw new AppError('forbidden', GATED[action], { reason: 'email_unverified' });
}

/**
 * Throws `forbidden` unless the user has confirmed their address: a short system read of its own,
 * so it runs before the caller's tenant transaction, never inside it. Workspace actions declare
 * it (`workspaceAction({ verifiedEmail: 'invite' })`) and the wrapper calls this.
 */
export async function requireVerifiedEmail(userId: string | null, action: VerifiedOnlyAction): Promise<void> {
  if (!userId) throw new AppError('forbidden', 'Sign in first.');
  await withSystem(`auth: verified email check (${action})`, (tx) => assertEmailVerified(tx, userId, action));
}
