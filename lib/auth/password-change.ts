import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { withSystem, type Tx } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit';
import { sendTemplate } from '@/lib/email/templates';
import { getLogger } from '@/lib/observability/logger';
import { hashPassword, verifyPassword } from './password';
import { checkPasswordStrength } from './password-strength';
import { revokeAllSessions } from './sessions';
import type { AccountRequestContext, FormFailure } from './two-factor/request-context';

export type PasswordChangeInput = { currentPassword: string; newPassword: string };
export type PasswordChangeContext = AccountRequestContext & { currentSessionId: string | null };
export type PasswordChangeFailure = FormFailure<'currentPassword' | 'newPassword'>;
export type PasswordChanged = { ok: true; email: string; name: string | null; timezone: string; revokedSessions: number };

/**
 * Verifies the current password, stores the new hash and signs out every other session (the
 * current one stays, so the person isn't thrown out mid-task). One transaction: a failure
 * anywhere leaves the old password and sessions as they were.
 */
export async function changePassword(
  tx: Tx,
  userId: string,
  input: PasswordChangeInput,
  context: PasswordChangeContext,
  now: Date = new Date(),
): Promise<PasswordChanged | PasswordChangeFailure> {
  const [user] = await tx
    .select({ email: users.email, name: users.name, timezone: users.timezone, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1)
    .for('update');
  if (!user) throw new Error('password change: user not found');
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, field: 'currentPassword', message: 'That isn’t your current password.' };
  }
  if (input.newPassword === input.currentPassword) {
    return { ok: false, field: 'newPassword', message: 'Choose a password different from your current one.' };
  }
  const verdict = checkPasswordStrength(input.newPassword, [user.email, user.name ?? '']);
  if (!verdict.ok) return { ok: false, field: 'newPassword', message: verdict.message };

  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(input.newPassword), passwordChangedAt: now, updatedAt: now })
    .where(eq(users.id, userId));
  const revokedSessions = await revokeAllSessions(tx, userId, { exceptSessionId: context.currentSessionId, reason: 'password_changed' });
  await recordAccountAudit(tx, userId, {
    action: 'auth.password.changed',
    actorUserId: userId,
    ip: context.ip,
    userAgent: context.userAgent,
    metadata: { revokedSessions },
  });
  return { ok: true, email: user.email, name: user.name, timezone: user.timezone, revokedSessions };
}

/**
 * The whole flow for the security page: the change in its own transaction, then the notice email
 * after commit (sendEmail opens its own transactions). A failed email doesn't undo the change.
 */
export async function changePasswordAndNotify(
  userId: string,
  input: PasswordChangeInput,
  context: PasswordChangeContext,
): Promise<PasswordChanged | PasswordChangeFailure> {
  const now = new Date();
  const result = await withSystem('account: password change', (tx) => changePassword(tx, userId, input, context, now));
  if (!result.ok) return result;
  try {
    await sendTemplate('password-changed', result.email, {
      name: result.name,
      when: now,
      ip: context.ip,
      timeZone: result.timezone,
    });
  } catch (error) {
    getLogger({ component: 'password-change' }).warn({ err: error, userId }, 'password-changed email failed');
  }
  return result;
}
