import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { secret } from '@/lib/actions/secret';
import { recordAccountAudit } from '@/lib/audit';
import { startEmailDelivery } from '@/lib/email';
import { appUrl, queueTemplate } from '@/lib/email/templates';
import { AppError } from '@/lib/errors/app-error';
import { NO_REQUEST_META, type RequestMeta } from '@/lib/tenancy/request-meta';
import { TOO_MANY_REQUESTS } from '@/lib/ratelimit/limits';
import { emailKey, limitAccount } from './account-limits';
import { clearFailureCounters, clearLockoutRow } from './lockout';
import { hashPassword } from './password';
import { checkPasswordStrength, PASSWORD_MAX_LENGTH } from './password-strength';
import { emailSchema } from './schemas';
import { revokeAllSessions } from './sessions';
import { consumeAuthToken, createAuthToken, inspectAuthToken, revokeAuthTokens, type AuthTokenProblem } from './tokens';
import { findUserByEmail } from './users';

export const RESET_TTL_MS = 60 * 60 * 1000;

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({
    // A missing or mangled token is the link's problem, not a field's: it reads as '' and the
    // reset then reports an invalid link.
    token: secret(z.string().min(1).max(200).catch('')),
    password: secret(z.string({ error: 'Choose a password.' }).max(PASSWORD_MAX_LENGTH, { error: `Use at most ${PASSWORD_MAX_LENGTH} characters.` })),
    confirm: secret(z.string()),
  })
  .superRefine((input, ctx) => {
    const verdict = checkPasswordStrength(input.password);
    if (!verdict.ok) ctx.addIssue({ code: 'custom', path: ['password'], message: verdict.message });
    else if (input.confirm !== input.password) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'The passwords don’t match.' });
  });

/**
 * The per-address limit on reset emails (the per-IP ones are the action's `rateLimit: ['resetIpMinute', 'resetIp']`).
 * Counted before anything is looked up, so the answer ("too many") is the same for addresses with
 * and without an account.
 */
export async function limitPasswordResetEmail(email: string): Promise<void> {
  if (!(await limitAccount('resetEmail', emailKey(email))).success) throw new AppError('rate_limited', TOO_MANY_REQUESTS);
}

/**
 * The forgot-password form answers no sooner than this, known address or not: the known one's
 * token and queued email add a few milliseconds of writes (lib/auth/time-floor.ts).
 */
export const RESET_REQUEST_TIME_FLOOR_MS = 400;

/**
 * Emails a one-hour, single-use reset link if the address has an account: the token and the
 * email commit in one transaction before the form answers, so a crash after the answer loses
 * nothing. Unknown addresses only look up; the form's time floor hides the difference.
 */
export async function requestPasswordReset(email: string, now: Date = new Date()): Promise<void> {
  const queued = await withSystem('auth: password reset request', async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) return false;
    const token = await createAuthToken(tx, { userId: user.id, email: user.email, purpose: 'reset_password', ttlMs: RESET_TTL_MS, now });
    await queueTemplate(tx, 'password-reset', user.email, {
      name: user.name,
      url: appUrl('/reset-password', { token }),
      expiresInMinutes: RESET_TTL_MS / 60_000,
    });
    return true;
  });
  if (queued) startEmailDelivery();
}

/** For the reset page: show the form only for a link that would work. */
export async function checkResetToken(raw: string, now: Date = new Date()): Promise<'valid' | AuthTokenProblem> {
  const token = await withSystem('auth: password reset check', (tx) => inspectAuthToken(tx, 'reset_password', raw, now));
  return typeof token === 'string' ? token : 'valid';
}

export type ResetOutcome =
  | { ok: true; email: string }
  | { ok: false; reason: AuthTokenProblem }
  | { ok: false; reason: 'weak'; message: string };

class WeakForThisUser extends Error {
  constructor(readonly verdict: string) {
    super('password too guessable for this user');
  }
}

/**
 * One transaction: spend the link, store the new hash, end every session (the person signs in
 * fresh), clear the lockout, spend the other reset links, audit, and queue the "password changed"
 * email.
 */
export async function resetPassword(
  input: { token: string; password: string },
  meta: RequestMeta = NO_REQUEST_META,
  now: Date = new Date(),
): Promise<ResetOutcome> {
  const passwordHash = await hashPassword(input.password);
  let result: { email: string } | AuthTokenProblem;
  try {
    result = await withSystem('auth: password reset', async (tx) => {
      const token = await consumeAuthToken(tx, 'reset_password', input.token, now);
      if (typeof token === 'string') return token;
      const [user] = token.userId ? await tx.select().from(users).where(eq(users.id, token.userId)).limit(1).for('update') : [];
      if (!user || user.email.toLowerCase() !== token.email.toLowerCase()) return 'invalid' as const;
      const verdict = checkPasswordStrength(input.password, [user.email, user.name ?? '']);
      // Thrown, not returned, so the rollback leaves the link usable for a better password.
      if (!verdict.ok) throw new WeakForThisUser(verdict.message);

      await tx
        .update(users)
        .set({
          passwordHash,
          passwordChangedAt: now,
          updatedAt: now,
          // The link proved the mailbox, which is all verification asks.
          ...(user.emailVerified ? {} : { emailVerified: now }),
        })
        .where(eq(users.id, user.id));
      await clearLockoutRow(tx, user.id);
      await revokeAuthTokens(tx, user.id, 'reset_password', now);
      const revokedSessions = await revokeAllSessions(tx, user.id, { reason: 'password_reset' });
      await recordAccountAudit(tx, user.id, {
        action: 'auth.password.reset',
        actorUserId: user.id,
        actorLabel: user.email,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { revokedSessions },
      });
      await queueTemplate(tx, 'password-changed', user.email, {
        name: user.name,
        when: now,
        ip: meta.ip,
        timeZone: user.timezone,
        resetUrl: appUrl('/forgot-password'),
      });
      return { email: user.email };
    });
  } catch (error) {
    if (error instanceof WeakForThisUser) return { ok: false, reason: 'weak', message: error.verdict };
    throw error;
  }
  if (typeof result === 'string') return { ok: false, reason: result };
  // The reset lifts the untrusted-client lockout; its Redis side waits for the commit (no Redis in a transaction).
  await clearFailureCounters(result.email, { device: null });

  startEmailDelivery();
  return { ok: true, email: result.email };
}
