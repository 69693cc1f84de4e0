import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit';
import { verifyPassword } from '@/lib/auth/password';
import { decryptSecret, encryptSecret } from '@/lib/secrets';
import { clearCodeFailures, recordCodeFailure, tooManyCodeFailures } from './attempts';
import { deleteRecoveryCodes, remainingRecoveryCodes, replaceRecoveryCodes } from './recovery-codes';
import type { AccountRequestContext, FormFailure } from './request-context';
import { newTotpSecret, totpUri } from './totp';
import { acceptTotp, userTotpScope, verifySecondFactor } from './verify-code';

export type TwoFactorStatus =
  | { state: 'off' }
  | { state: 'pending' }
  | { state: 'on'; enabledAt: Date; recoveryCodesLeft: number };

type CodeFailure = FormFailure<'code'>;
type DisableFailure = FormFailure<'code' | 'password'>;

const TOO_MANY: CodeFailure = { ok: false, field: 'code', message: 'Too many wrong codes. Wait 15 minutes and try again.' };
const WRONG_CODE: CodeFailure = { ok: false, field: 'code', message: 'That code didn’t work. Enter the current code from your authenticator app.' };

async function twoFactorRow(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ email: users.email, totpSecret: users.totpSecret, totpEnabledAt: users.totpEnabledAt, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1)
    .for('update');
  if (!row) throw new Error('two-factor: user not found');
  return row;
}

export async function getTwoFactorStatus(tx: Tx, userId: string): Promise<TwoFactorStatus> {
  const [row] = await tx
    .select({ totpSecret: users.totpSecret, totpEnabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (row?.totpEnabledAt) return { state: 'on', enabledAt: row.totpEnabledAt, recoveryCodesLeft: await remainingRecoveryCodes(tx, userId) };
  return row?.totpSecret ? { state: 'pending' } : { state: 'off' };
}

/**
 * Stores a fresh secret, encrypted, with 2FA still off until a code confirms the app has it.
 * Starting again replaces an unconfirmed secret; an enabled one is never touched here.
 */
export async function startTwoFactorEnrolment(tx: Tx, userId: string): Promise<{ ok: true } | FormFailure<never>> {
  const row = await twoFactorRow(tx, userId);
  if (row.totpEnabledAt) return { ok: false, message: 'Two-factor authentication is already on.' };
  const payload = encryptSecret(newTotpSecret(), userTotpScope(userId));
  await tx.update(users).set({ totpSecret: payload, updatedAt: new Date() }).where(eq(users.id, userId));
  return { ok: true };
}

/**
 * What the set-up screen shows while enrolment is pending. Once 2FA is on this returns null: the
 * secret never leaves the server again.
 */
export async function pendingEnrolmentSetup(tx: Tx, userId: string): Promise<{ secret: string; uri: string } | null> {
  const [row] = await tx
    .select({ email: users.email, totpSecret: users.totpSecret, totpEnabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row?.totpSecret || row.totpEnabledAt) return null;
  const secret = decryptSecret(row.totpSecret, userTotpScope(userId));
  return { secret, uri: totpUri(secret, row.email) };
}

export async function cancelTwoFactorEnrolment(tx: Tx, userId: string): Promise<void> {
  const row = await twoFactorRow(tx, userId);
  if (row.totpEnabledAt) return;
  await tx.update(users).set({ totpSecret: null, updatedAt: new Date() }).where(eq(users.id, userId));
}

/** A code from the app proves it holds the secret; only then is 2FA on and recovery codes issued. */
export async function confirmTwoFactorEnrolment(
  tx: Tx,
  userId: string,
  code: string,
  context: AccountRequestContext = {},
  now: Date = new Date(),
): Promise<{ ok: true; recoveryCodes: string[] } | CodeFailure> {
  const row = await twoFactorRow(tx, userId);
  if (row.totpEnabledAt) return { ok: false, message: 'Two-factor authentication is already on.' };
  if (!row.totpSecret) return { ok: false, message: 'Set-up has expired. Start again.' };
  if (await tooManyCodeFailures(userId)) return TOO_MANY;
  const secret = decryptSecret(row.totpSecret, userTotpScope(userId));
  if (!(await acceptTotp(userId, secret, code, now))) {
    await recordCodeFailure(userId);
    return WRONG_CODE;
  }
  await clearCodeFailures(userId);
  await tx.update(users).set({ totpEnabledAt: now, updatedAt: now }).where(eq(users.id, userId));
  const recoveryCodes = await replaceRecoveryCodes(tx, userId, now);
  await recordAccountAudit(tx, userId, { action: 'auth.two_factor.enabled', actorUserId: userId, ...context });
  return { ok: true, recoveryCodes };
}

/** New recovery codes replace every old one, used or not; a current code proves it's the owner. */
export async function regenerateRecoveryCodes(
  tx: Tx,
  userId: string,
  code: string,
  now: Date = new Date(),
): Promise<{ ok: true; recoveryCodes: string[] } | CodeFailure> {
  const row = await twoFactorRow(tx, userId);
  if (!row.totpEnabledAt) return { ok: false, message: 'Turn on two-factor authentication first.' };
  if (await tooManyCodeFailures(userId)) return TOO_MANY;
  if (!(await verifySecondFactor(tx, userId, code, now))) {
    await recordCodeFailure(userId);
    return WRONG_CODE;
  }
  await clearCodeFailures(userId);
  return { ok: true, recoveryCodes: await replaceRecoveryCodes(tx, userId, now) };
}

/** Turning 2FA off needs both factors, so neither a stolen session nor a stolen phone is enough. */
export async function disableTwoFactor(
  tx: Tx,
  userId: string,
  input: { password: string; code: string },
  context: AccountRequestContext = {},
  now: Date = new Date(),
): Promise<{ ok: true } | DisableFailure> {
  const row = await twoFactorRow(tx, userId);
  if (!row.totpEnabledAt) return { ok: false, message: 'Two-factor authentication is already off.' };
  if (!row.passwordHash) return { ok: false, field: 'password', message: 'Your account has no password yet. Set one first.' };
  if (await tooManyCodeFailures(userId)) return TOO_MANY;
  if (!(await verifyPassword(row.passwordHash, input.password))) {
    await recordCodeFailure(userId);
    return { ok: false, field: 'password', message: 'That password isn’t right.' };
  }
  if (!(await verifySecondFactor(tx, userId, input.code, now))) {
    await recordCodeFailure(userId);
    return WRONG_CODE;
  }
  await clearCodeFailures(userId);
  await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, updatedAt: now }).where(eq(users.id, userId));
  await deleteRecoveryCodes(tx, userId);
  await recordAccountAudit(tx, userId, { action: 'auth.two_factor.disabled', actorUserId: userId, ...context });
  return { ok: true };
}
