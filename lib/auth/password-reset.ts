import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { secret } from '@/lib/actions/secret';
import { recordAccountAudit } from '@/lib/audit';
import { appUrl, renderEmail, sendTemplate } from '@/lib/email/templates';
import { AppError } from '@/lib/errors/app-error';
import { getLogger } from '@/lib/observability/logger';
import { NO_REQUEST_META, type RequestMeta } from '@/lib/tenancy/request-meta';
import { emailKey, limitAccount, TOO_MANY_REQUESTS } from './account-limits';
import { clearFailedPasswords, forgetFailedPasswords } from './lockout';
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
 * The per-address limit on reset emails (the per-IP one is the action's `rateLimit: 'resetIp'`).
 * Counted before anything is looked up, so the answer ("too many") is the same for addresses with
 * and without an account.
 */
export async function limitPasswordResetEmail(email: string): Promise<void> {
  if (!(await limitAccount('resetEmail', emailKey(email))).success) throw new AppError('rate_limited', TOO_MANY_REQUESTS);
}

/**
 * Emails a one-hour, single-use reset link if the address has an account. Unknown addresses do
 * the same work short of sending (a render instead), so timing says little; callers also run this
 * after responding, so the response time says nothing at all.
 */
export async function requestPasswordReset(email: string, now: Date = new Date()): Promise<void> {
  const found = await withSystem('auth: password reset request', async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) return null;
    const token = await createAuthToken(tx, { userId: user.id, email: user.email, purpose: 'reset_password', ttlMs: RESET_TTL_MS, now });
    return { user, token };
  });
  const props = {
    name: found?.user.name ?? null,
    url: appUrl('/reset-password', { token: found?.token ?? 'unknown' }),
    expiresInMinutes: RESET_TTL_MS / 60_000,
  };
  if (!found) {
    await renderEmail('password-reset', props);
    return;
  }
  await sendTemplate('password-reset', found.user.email, props);
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
 * fresh), clear the lockout, spend the other reset links, audit. The "password changed" email
 * goes after commit.
 */
export async function resetPassword(
  input: { token: string; password: string },
  meta: RequestMeta = NO_REQUEST_META,
  now: Date = new Date(),
): Promise<ResetOutcome> {
  const passwordHash = await hashPassword(input.password);
  let result: { email: string; name: string | null; timezone: string } | AuthTokenProblem;
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
      await clearFailedPasswords(tx, user.id);
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
      return { email: user.email, name: user.name, timezone: user.timezone };
    });
  } catch (error) {
    if (error instanceof WeakForThisUser) return { ok: false, reason: 'weak', message: error.verdict };
    throw error;
  }
  if (typeof result === 'string') return { ok: false, reason: result };
  await forgetFailedPasswords(result.email);

  try {
    await sendTemplate('password-changed', result.email, {
      name: result.name,
      when: now,
      ip: meta.ip,
      timeZone: result.timezone,
      resetUrl: appUrl('/forgot-password'),
    });
  } catch (error) {
    // The reset stands even if the notice can't be sent.
    getLogger({ component: 'password-reset' }).warn({ err: error }, 'password-changed email failed');
  }
  return { ok: true, email: result.email };
}
