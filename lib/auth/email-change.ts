import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit';
import { startEmailDelivery } from '@/lib/email';
import { appUrl, queueTemplate } from '@/lib/email/templates';
import { isUniqueViolation } from '@/lib/tenancy/db-errors';
import { NO_REQUEST_META, type RequestMeta } from '@/lib/tenancy/request-meta';
import { verifyPassword } from './password';
import { currentPasswordSchema, emailSchema } from './schemas';
import { revokeAllSessions } from './sessions';
import { consumeAuthToken, createAuthToken, revokeAuthTokens, type AuthTokenProblem } from './tokens';

export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60 * 1000;

export const emailChangeSchema = z.object({
  email: emailSchema,
  currentPassword: currentPasswordSchema('Enter your current password.'),
});

export type EmailChangeInput = z.infer<typeof emailChangeSchema>;

export type EmailChangeRequestOutcome =
  | { ok: true; newEmail: string }
  | { ok: false; field?: 'email' | 'currentPassword'; message: string };

/**
 * Asks the new address to confirm. Nothing changes until it does, so a typo or a stolen session
 * can't move the account to an address its owner doesn't control. An address that already has an
 * account gets no email but the same answer, so this form can't probe for accounts either.
 * The per-user limit (`emailChangeUser`) is the action's.
 */
export async function requestEmailChange(
  userId: string,
  input: EmailChangeInput,
  now: Date = new Date(),
): Promise<EmailChangeRequestOutcome> {
  const [user] = await withSystem('account: email change: load user', (tx) =>
    tx.select({ email: users.email, name: users.name, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1),
  );
  if (!user) return { ok: false, message: 'Your session has ended. Sign in again.' };
  if (!user.passwordHash) {
    return {
      ok: false,
      field: 'currentPassword',
      message: 'Your account has no password yet. Set one with “Forgot password” on the sign-in page, then come back.',
    };
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, field: 'currentPassword', message: 'That isn’t your current password.' };
  }
  if (input.email === user.email.toLowerCase()) {
    return { ok: false, field: 'email', message: 'That is already your email address.' };
  }

  const queued = await withSystem('account: email change request', async (tx) => {
    await revokeAuthTokens(tx, userId, 'change_email', now);
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, input.email))
      .limit(1);
    if (taken) return false;
    const token = await createAuthToken(tx, {
      userId,
      email: input.email,
      purpose: 'change_email',
      ttlMs: EMAIL_CHANGE_TTL_MS,
      data: { newEmail: input.email, oldEmail: user.email },
      now,
    });
    await queueTemplate(tx, 'email-change-verify', input.email, {
      name: user.name,
      newEmail: input.email,
      url: appUrl('/account/email/confirm', { token }),
      expiresInHours: EMAIL_CHANGE_TTL_MS / 3_600_000,
    });
    return true;
  });
  if (queued) startEmailDelivery();
  return { ok: true, newEmail: input.email };
}

export type EmailChangeConfirmOutcome =
  | { ok: true; oldEmail: string; newEmail: string }
  | { ok: false; reason: AuthTokenProblem | 'taken' | 'wrong_account' };

class WrongAccount extends Error {}

/**
 * One transaction: spend the link, switch the address (marked verified: the link proved it),
 * end every other session, audit, and queue the notice to the old address, so the owner hears
 * about it even if the change wasn't theirs.
 */
export async function confirmEmailChange(
  raw: string,
  context: { userId: string; currentSessionId: string | null } & RequestMeta = { userId: '', currentSessionId: null, ...NO_REQUEST_META },
  now: Date = new Date(),
): Promise<EmailChangeConfirmOutcome> {
  let outcome: EmailChangeConfirmOutcome;
  try {
    outcome = await withSystem('account: email change confirm', async (tx) => {
      const token = await consumeAuthToken(tx, 'change_email', raw, now);
      if (typeof token === 'string') return { ok: false, reason: token };
      // Only the account that asked can finish the change, from a browser signed in to it. Thrown
      // so the rollback keeps the link usable once the right account is signed in.
      if (token.userId !== context.userId) throw new WrongAccount();
      const newEmail = typeof token.data.newEmail === 'string' ? token.data.newEmail : token.email;
      const [user] = await tx.select({ email: users.email, name: users.name }).from(users).where(eq(users.id, context.userId)).limit(1).for('update');
      if (!user) return { ok: false, reason: 'invalid' };
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(sql`lower(${users.email})`, newEmail.toLowerCase()), ne(users.id, context.userId)))
        .limit(1);
      if (taken) return { ok: false, reason: 'taken' };

      await tx.update(users).set({ email: newEmail, emailVerified: now, updatedAt: now }).where(eq(users.id, context.userId));
      // Links sent to the old address must not act on the account any more.
      await revokeAuthTokens(tx, context.userId, 'verify_email', now);
      await revokeAuthTokens(tx, context.userId, 'reset_password', now);
      const revokedSessions = await revokeAllSessions(tx, context.userId, {
        exceptSessionId: context.currentSessionId,
        reason: 'email_changed',
      });
      await recordAccountAudit(tx, context.userId, {
        action: 'auth.email.changed',
        actorUserId: context.userId,
        actorLabel: newEmail,
        ip: context.ip,
        userAgent: context.userAgent,
        metadata: { from: user.email, to: newEmail, revokedSessions },
      });
      await queueTemplate(tx, 'email-changed-notice', user.email, {
        name: user.name,
        oldEmail: user.email,
        newEmail,
        when: now,
        resetUrl: appUrl('/forgot-password'),
      });
      return { ok: true, oldEmail: user.email, newEmail };
    });
  } catch (error) {
    if (error instanceof WrongAccount) return { ok: false, reason: 'wrong_account' };
    // Someone took the address between the check and the update.
    if (isUniqueViolation(error, 'users_email_unique')) return { ok: false, reason: 'taken' };
    throw error;
  }
  if (!outcome.ok) return outcome;

  startEmailDelivery();
  return outcome;
}
