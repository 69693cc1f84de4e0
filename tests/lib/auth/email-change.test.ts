import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, userSessions, users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { confirmEmailChange, requestEmailChange } from '@/lib/auth/email-change';
import { hashPassword } from '@/lib/auth/password';
import { createUserSession } from '@/lib/auth/sessions';
import { lastEmail, templatesSentTo, tokenFromLastEmail } from './support/mailbox';

const PASSWORD = 'granite-meadow-signal-35';
const address = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.test`;

async function userWithSessions() {
  const email = address('change');
  const passwordHash = await hashPassword(PASSWORD);
  return withSystem('test', async (tx) => {
    const [user] = await tx.insert(users).values({ email, name: 'Cora', passwordHash }).returning();
    const current = await createUserSession(tx, { userId: user!.id, userAgent: 'Chrome on macOS', ip: null, method: 'password' });
    const other = await createUserSession(tx, { userId: user!.id, userAgent: 'Firefox on Linux', ip: null, method: 'password' });
    return { user: user!, currentSessionId: current.sessionId, otherSessionId: other.sessionId };
  });
}

describe('email change', () => {
  it('asks the new address to confirm, then switches, keeps this session, ends the others and tells the old address', async () => {
    const { user, currentSessionId, otherSessionId } = await userWithSessions();
    const target = address('new');
    expect(await requestEmailChange(user.id, { email: target, currentPassword: PASSWORD })).toEqual({ ok: true, newEmail: target });
    // Nothing changes until the link is opened.
    const [before] = await withSystem('test', (tx) => tx.select().from(users).where(eq(users.id, user.id)));
    expect(before!.email).toBe(user.email);

    const token = await tokenFromLastEmail(target, 'email-change-verify');
    const outcome = await confirmEmailChange(token, { userId: user.id, currentSessionId, ip: '192.0.2.1', userAgent: 'vitest' });
    expect(outcome).toEqual({ ok: true, oldEmail: user.email, newEmail: target });

    const [after] = await withSystem('test', (tx) => tx.select().from(users).where(eq(users.id, user.id)));
    expect(after!.email).toBe(target);
    expect(after!.emailVerified).toBeInstanceOf(Date);
    // The current session stays valid: no token version bump.
    expect(after!.tokenVersion).toBe(user.tokenVersion);

    const live = await withSystem('test', (tx) =>
      tx.select({ id: userSessions.id }).from(userSessions).where(and(eq(userSessions.userId, user.id), isNull(userSessions.revokedAt))),
    );
    expect(live.map((s) => s.id)).toEqual([currentSessionId]);
    expect(live.map((s) => s.id)).not.toContain(otherSessionId);

    const [audit] = await withSystem('test', (tx) =>
      tx.select().from(auditLog).where(and(eq(auditLog.actorUserId, user.id), eq(auditLog.action, 'auth.email.changed'))),
    );
    expect(audit?.metadata).toMatchObject({ from: user.email, to: target, revokedSessions: 1 });

    const notice = await lastEmail(user.email, 'email-changed-notice');
    expect(notice?.text).toContain(target);

    expect(await confirmEmailChange(token, { userId: user.id, currentSessionId, ip: null, userAgent: null })).toEqual({ ok: false, reason: 'used' });
  });

  it('needs the current password and a different address', async () => {
    const { user } = await userWithSessions();
    expect(await requestEmailChange(user.id, { email: address('x'), currentPassword: 'wrong-password-entirely' })).toMatchObject({
      ok: false,
      field: 'currentPassword',
    });
    expect(await requestEmailChange(user.id, { email: user.email, currentPassword: PASSWORD })).toMatchObject({ ok: false, field: 'email' });
  });

  it('an address that has an account gets no email, but the answer is the same', async () => {
    const { user } = await userWithSessions();
    const { user: other } = await userWithSessions();
    expect(await requestEmailChange(user.id, { email: other.email, currentPassword: PASSWORD })).toEqual({ ok: true, newEmail: other.email });
    expect(await templatesSentTo(other.email)).toEqual([]);
  });

  it('only the account that asked can confirm, and the link survives a wrong-account attempt', async () => {
    const { user, currentSessionId } = await userWithSessions();
    const { user: stranger } = await userWithSessions();
    const target = address('mine');
    await requestEmailChange(user.id, { email: target, currentPassword: PASSWORD });
    const token = await tokenFromLastEmail(target, 'email-change-verify');
    expect(await confirmEmailChange(token, { userId: stranger.id, currentSessionId: null, ip: null, userAgent: null })).toEqual({
      ok: false,
      reason: 'wrong_account',
    });
    expect(await confirmEmailChange(token, { userId: user.id, currentSessionId, ip: null, userAgent: null })).toMatchObject({ ok: true });
  });

  it('refuses when the address was taken before confirming', async () => {
    const { user, currentSessionId } = await userWithSessions();
    const target = address('race');
    await requestEmailChange(user.id, { email: target, currentPassword: PASSWORD });
    const token = await tokenFromLastEmail(target, 'email-change-verify');
    await withSystem('test', (tx) => tx.insert(users).values({ email: target }));
    expect(await confirmEmailChange(token, { userId: user.id, currentSessionId, ip: null, userAgent: null })).toEqual({ ok: false, reason: 'taken' });
  });
});
