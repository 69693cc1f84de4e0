import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { hashPassword } from '@/lib/auth/password';
import { confirmTwoFactorEnrolment, pendingEnrolmentSetup, startTwoFactorEnrolment } from '@/lib/auth/two-factor/enrolment';
import { createTenant } from '../../../helpers/database';

/** A fixed instant at the start of a 30 s step, so offsets land in known steps. */
export const T0 = new Date(1_700_000_010_000);
export const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
export const PASSWORD = 'correct horse battery staple 42';

export function codeAt(secret: string, when: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(when.getTime() / 1000) });
}

export async function userWithPassword() {
  const { user } = await createTenant();
  const passwordHash = await hashPassword(PASSWORD);
  await withSystem('test: test password', (tx) => tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)));
  return user;
}

export async function startEnrolment(userId: string): Promise<string> {
  await withSystem('test: test start', (tx) => startTwoFactorEnrolment(tx, userId));
  const setup = await withSystem('test: test setup', (tx) => pendingEnrolmentSetup(tx, userId));
  return setup!.secret;
}

/** A user with 2FA on (confirmed at T0) and their secret and recovery codes. */
export async function enrolledUser() {
  const user = await userWithPassword();
  const secret = await startEnrolment(user.id);
  const result = await withSystem('test: test confirm', async (tx) => confirmTwoFactorEnrolment(tx, user.id, await codeAt(secret, T0), {}, T0));
  if (!result.ok) throw new Error(`enrolment failed: ${result.message}`);
  return { user, secret, recoveryCodes: result.recoveryCodes };
}
