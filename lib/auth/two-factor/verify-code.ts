import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { failSoft, kv, redisUnderRowLock } from '@/lib/redis';
import { decryptSecret } from '@/lib/secrets';
import { consumeRecoveryCode } from './recovery-codes';
import { looksLikeTotp, matchTotpStep } from './totp';

// Long enough to outlive the ±1 step window of any code accepted at that step.
const LAST_STEP_TTL_SECONDS = 120;
const lastStepKey = (userId: string) => `2fa:last-step:${userId}`;

export type SecondFactor = 'totp' | 'recovery';

export const userTotpScope = (userId: string) => ({ kind: 'user', id: userId }) as const;

/**
 * Checks a TOTP code against a base32 secret and remembers the step it matched, so the same code
 * (or an older one) can't be used again while it is still inside the window.
 */
export function acceptTotp(userId: string, secret: string, code: string, now: Date): Promise<boolean> {
  // Under the user row's lock (callers hold it) and best effort while Redis is away: a person
  // can still sign in, and only a replay inside the same ±1 step window goes unnoticed then.
  return redisUnderRowLock('2fa last-used step', async () => {
    const stored = await failSoft(() => kv().get(lastStepKey(userId)), null);
    const lastStep = stored !== null && /^[0-9]+$/.test(stored) ? Number(stored) : undefined;
    const step = await matchTotpStep(secret, code, now, lastStep);
    if (step === null) return false;
    await failSoft(() => kv().set(lastStepKey(userId), String(step), { ttlSeconds: LAST_STEP_TTL_SECONDS }), false);
    return true;
  });
}

async function lockTwoFactorRow(tx: Tx, userId: string) {
  // `for update` serialises concurrent checks for one user, so the read-then-write of the last
  // used step above can't let two requests through with the same code.
  const [row] = await tx
    .select({ totpSecret: users.totpSecret, totpEnabledAt: users.totpEnabledAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1)
    .for('update');
  return row ?? null;
}

/**
 * The second factor of an account with 2FA on: a current TOTP code (±1 step, each step once) or
 * an unused recovery code, which is spent. Null when 2FA is off or the code is wrong.
 */
export async function verifySecondFactor(tx: Tx, userId: string, code: string, now: Date = new Date()): Promise<SecondFactor | null> {
  const row = await lockTwoFactorRow(tx, userId);
  if (!row?.totpEnabledAt || !row.totpSecret) return null;
  if (looksLikeTotp(code)) {
    const secret = decryptSecret(row.totpSecret, userTotpScope(userId));
    return (await acceptTotp(userId, secret, code, now)) ? 'totp' : null;
  }
  return (await consumeRecoveryCode(tx, userId, code, now)) ? 'recovery' : null;
}

export async function userHasTwoFactor(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx.select({ enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, userId)).limit(1);
  return Boolean(row?.enabledAt);
}
