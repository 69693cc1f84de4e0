import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, emailOutbox, users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { accountChain } from '@/lib/audit';
import { verifyPassword } from '@/lib/auth/password';
import { changePassword, changePasswordAndNotify } from '@/lib/auth/password-change';
import { createUserSession, listUserSessions } from '@/lib/auth/sessions';
import { PASSWORD, userWithPassword } from './support/two-factor';

const NEW_PASSWORD = 'quiet lantern orbit seventy 9';

async function signedInTwice(userId: string) {
  const here = await withSystem('test: t', (tx) => createUserSession(tx, { userId, userAgent: 'Firefox/133.0', ip: '203.0.113.1', method: 'password' }));
  const there = await withSystem('test: t', (tx) => createUserSession(tx, { userId, userAgent: 'Chrome/131.0', ip: '203.0.113.2', method: 'password' }));
  return { here: here.sessionId, there: there.sessionId };
}

const userRow = async (userId: string) => (await withSystem('test: t', (tx) => tx.select().from(users).where(eq(users.id, userId))))[0]!;

describe('changing the password', () => {
  it('refuses a wrong current password and changes nothing', async () => {
    const user = await userWithPassword();
    const { here, there } = await signedInTwice(user.id);
    const result = await withSystem('test: t', (tx) =>
      changePassword(tx, user.id, { currentPassword: 'wrong password', newPassword: NEW_PASSWORD }, { currentSessionId: here }),
    );
    expect(result).toMatchObject({ ok: false, field: 'currentPassword' });
    expect(await verifyPassword((await userRow(user.id)).passwordHash!, PASSWORD)).toBe(true);
    expect((await withSystem('test: t', (tx) => listUserSessions(tx, user.id))).map((s) => s.id).sort()).toEqual([here, there].sort());
  });

  it('refuses a weak or unchanged new password', async () => {
    const user = await userWithPassword();
    const weak = await withSystem('test: t', (tx) =>
      changePassword(tx, user.id, { currentPassword: PASSWORD, newPassword: 'password123' }, { currentSessionId: null }),
    );
    expect(weak).toMatchObject({ ok: false, field: 'newPassword' });
    const same = await withSystem('test: t', (tx) =>
      changePassword(tx, user.id, { currentPassword: PASSWORD, newPassword: PASSWORD }, { currentSessionId: null }),
    );
    expect(same).toMatchObject({ ok: false, field: 'newPassword' });
  });

  it('stores the new hash and signs out every other session', async () => {
    const user = await userWithPassword();
    const { here, there } = await signedInTwice(user.id);
    const now = new Date('2030-01-02T03:04:05Z');
    const result = await withSystem('test: t', (tx) =>
      changePassword(tx, user.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, { currentSessionId: here, ip: '203.0.113.1' }, now),
    );
    expect(result).toMatchObject({ ok: true, revokedSessions: 1 });
    const row = await userRow(user.id);
    expect(await verifyPassword(row.passwordHash!, NEW_PASSWORD)).toBe(true);
    expect(row.passwordChangedAt?.toISOString()).toBe(now.toISOString());
    const live = (await withSystem('test: t', (tx) => listUserSessions(tx, user.id))).map((s) => s.id);
    expect(live).toEqual([here]);
    expect(live).not.toContain(there);
    const actions = await withSystem('test: t', (tx) => tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.chain, accountChain(user.id))));
    expect(actions.map((a) => a.action)).toEqual(['auth.password.changed']);
  });

  it('sends the password-changed email after the change commits', async () => {
    const user = await userWithPassword();
    const result = await changePasswordAndNotify(user.id, { currentPassword: PASSWORD, newPassword: NEW_PASSWORD }, { currentSessionId: null });
    expect(result.ok).toBe(true);
    const sent = await withSystem('test: t', (tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, user.email)));
    expect(sent.map((e) => e.template)).toEqual(['password-changed']);
    expect(sent[0]!.text).not.toContain(NEW_PASSWORD);
  });
});
