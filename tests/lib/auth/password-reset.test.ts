import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, userSessions, users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { checkResetToken, requestPasswordReset, RESET_TTL_MS, resetPassword, resetPasswordSchema } from '@/lib/auth/password-reset';
import { createUserSession } from '@/lib/auth/sessions';
import { lastEmail, templatesSentTo, tokenFromLastEmail } from './support/mailbox';

const OLD = 'old-passphrase-lantern-12';
const NEW = 'new-passphrase-harbor-48';

async function lockedUserWithSessions() {
  const email = `reset-${randomUUID().slice(0, 8)}@example.test`;
  const passwordHash = await hashPassword(OLD);
  return withSystem('test', async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email, name: 'Rita', passwordHash, failedLoginAttempts: 4, lockedUntil: new Date(Date.now() + 600_000) })
      .returning();
    for (const ua of ['Firefox on Linux', 'Safari on iPhone']) {
      await createUserSession(tx, { userId: user!.id, userAgent: ua, ip: '198.51.100.7', method: 'password' });
    }
    return user!;
  });
}

describe('password reset', () => {
  it('resets the password, ends every session, clears the lockout, audits and notifies', async () => {
    const user = await lockedUserWithSessions();
    await requestPasswordReset(user.email);
    const token = await tokenFromLastEmail(user.email, 'password-reset');
    expect(await checkResetToken(token)).toBe('valid');

    const outcome = await resetPassword({ token, password: NEW }, { ip: '203.0.113.5', userAgent: 'vitest' });
    expect(outcome).toEqual({ ok: true, email: user.email });

    const [after] = await withSystem('test', (tx) => tx.select().from(users).where(eq(users.id, user.id)));
    expect(await verifyPassword(after!.passwordHash!, NEW)).toBe(true);
    expect(after).toMatchObject({ failedLoginAttempts: 0, lockedUntil: null, tokenVersion: user.tokenVersion + 1 });
    expect(after!.passwordChangedAt).toBeInstanceOf(Date);
    expect(after!.emailVerified).toBeInstanceOf(Date);

    const live = await withSystem('test', (tx) =>
      tx.select().from(userSessions).where(and(eq(userSessions.userId, user.id), isNull(userSessions.revokedAt))),
    );
    expect(live).toEqual([]);

    const audits = await withSystem('test', (tx) => tx.select().from(auditLog).where(eq(auditLog.actorUserId, user.id)));
    expect(audits.find((a) => a.action === 'auth.password.reset')).toMatchObject({ ip: '203.0.113.5', metadata: { revokedSessions: 2 } });
    expect((await lastEmail(user.email, 'password-changed'))?.text).toContain('203.0.113.5');

    // Single use.
    expect(await resetPassword({ token, password: 'yet-another-phrase-77' })).toEqual({ ok: false, reason: 'used' });
    expect(await checkResetToken(token)).toBe('used');
  });

  it('sends nothing for an unknown address', async () => {
    const email = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    await requestPasswordReset(email);
    expect(await templatesSentTo(email)).toEqual([]);
  });

  it('one successful reset spends the other reset links', async () => {
    const user = await lockedUserWithSessions();
    await requestPasswordReset(user.email);
    const first = await tokenFromLastEmail(user.email, 'password-reset');
    await requestPasswordReset(user.email);
    const second = await tokenFromLastEmail(user.email, 'password-reset');
    expect(await resetPassword({ token: second, password: NEW })).toMatchObject({ ok: true });
    expect(await checkResetToken(first)).toBe('used');
  });

  it('expires after an hour', async () => {
    const user = await lockedUserWithSessions();
    await requestPasswordReset(user.email, new Date(Date.now() - RESET_TTL_MS - 1));
    const token = await tokenFromLastEmail(user.email, 'password-reset');
    expect(await checkResetToken(token)).toBe('expired');
    expect(await resetPassword({ token, password: NEW })).toEqual({ ok: false, reason: 'expired' });
  });

  it('a password made of the user’s own email is refused and the link stays usable', async () => {
    const user = await lockedUserWithSessions();
    await requestPasswordReset(user.email);
    const token = await tokenFromLastEmail(user.email, 'password-reset');
    const local = user.email.split('@')[0]!;
    const weak = await resetPassword({ token, password: `${local}2024` });
    expect(weak).toMatchObject({ ok: false, reason: 'weak' });
    expect(await checkResetToken(token)).toBe('valid');
  });

  it('the form schema checks strength and the repeat', () => {
    expect(resetPasswordSchema.safeParse({ token: 't', password: 'password123456', confirm: 'password123456' }).success).toBe(false);
    const mismatch = resetPasswordSchema.safeParse({ token: 't', password: NEW, confirm: `${NEW}x` });
    expect(mismatch.error?.issues[0]).toMatchObject({ path: ['confirm'] });
  });
});
