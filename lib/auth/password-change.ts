import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { withSystem, type Tx } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit';
import { startEmailDelivery } from '@/lib/email';
import { queueTemplate } from '@/lib/email/templates';
import { hashPassword, verifyPassword } from './password';
import { checkPasswordStrength } from './password-strength';
import { revokeAllSessions } from './sessions';
import type { AccountRequestContext, FormFailure } from './two-factor/request-context';

export type PasswordChangeInput = { currentPassword: string; newPassword: string };
export type PasswordChangeContext = AccountRequestContext & { currentSessionId: string | null };
export type PasswordChangeFailure = FormFailure<'currentPassword' | 'newPassword'>;
export type PasswordChanged = { ok: true; email: string; name: string | null; timezone: string; revokedSessions: number };

/**
 * Verifies the current password, stores the new hash, signs out every other session (the
 * current one stays, so the person isn't thrown out mid-task) and queues the "password changed"
 * notice. One transaction: a failure anywhere leaves the old password and sessions as they were.
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
  await queueTemplate(tx, 'password-changed', user.email, { name: user.name, when: now, ip: context.ip, timeZone: user.timezone });
  return { ok: true, email: user.email, name: user.name, timezone: user.timezone, revokedSessions };
}

/** The whole flow for the security page: the change and its notice in one transaction, then delivery. */
export async function changePasswordAndNotify(
  userId: string,
  input: PasswordChangeInput,
  context: PasswordChangeContext,
): Promise<PasswordChanged | PasswordChangeFailure> {
  const result = await withSystem('account: password change', (tx) => changePassword(tx, userId, input, context, new Date()));
  if (result.ok) startEmailDelivery();
  return result;
}
