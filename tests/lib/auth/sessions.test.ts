import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { activeSessionUser, createUserSession, isSessionValid, listUserSessions, revokeAllSessions, revokeSession } from '@/lib/auth/sessions';
import { createTenant } from '../../helpers/database';

const FIREFOX = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.1; rv:133.0) Gecko/20100101 Firefox/133.0';
const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

async function signIn(userId: string, userAgent = FIREFOX) {
  return withSystem('test: test sign-in', (tx) => createUserSession(tx, { userId, userAgent, ip: '203.0.113.7', method: 'password' }));
}

const valid = (userId: string, sessionId: string, tokenVersion = 0) =>
  withSystem('test: test check', (tx) => isSessionValid(tx, { sessionId, userId, tokenVersion }));

describe('sign-in sessions', () => {
  it('records the device and flags a device never seen before', async () => {
    const { user } = await createTenant();
    const first = await signIn(user.id);
    expect(first.device).toBe('Firefox on macOS');
    expect(first.newDevice).toBe(false); // the very first sign-in is not a "new device" alert
    expect((await signIn(user.id)).newDevice).toBe(false);
    expect((await signIn(user.id, CHROME_ANDROID)).newDevice).toBe(true);
  });

  it('a revoked session stops being valid on its next check', async () => {
    const { user } = await createTenant();
    const { sessionId } = await signIn(user.id);
    expect(await valid(user.id, sessionId)).toBe(true);
    expect(await withSystem('test: revoke', (tx) => revokeSession(tx, user.id, sessionId, 'test'))).toBe(true);
    expect(await valid(user.id, sessionId)).toBe(false);
  });

  it("a user can't revoke someone else's session", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const { sessionId } = await signIn(b.user.id);
    expect(await withSystem('test: revoke', (tx) => revokeSession(tx, a.user.id, sessionId, 'test'))).toBe(false);
    expect(await valid(b.user.id, sessionId)).toBe(true);
  });

  it('sign out everywhere else keeps only the current session', async () => {
    const { user } = await createTenant();
    const current = await signIn(user.id);
    const other = await signIn(user.id, CHROME_ANDROID);
    const revoked = await withSystem('test: revoke all', (tx) => revokeAllSessions(tx, user.id, { exceptSessionId: current.sessionId, reason: 'test' }));
    expect(revoked).toBe(1);
    expect(await valid(user.id, current.sessionId)).toBe(true);
    expect(await valid(user.id, other.sessionId)).toBe(false);
    const listed = await withSystem('test: list', (tx) => listUserSessions(tx, user.id));
    expect(listed.map((s) => s.id)).toEqual([current.sessionId]);
  });

  it('revoking everything bumps the token version, so older tokens fail too', async () => {
    const { user } = await createTenant();
    const { sessionId } = await signIn(user.id);
    await withSystem('test: revoke all', (tx) => revokeAllSessions(tx, user.id, { reason: 'password_reset' }));
    expect(await valid(user.id, sessionId, 0)).toBe(false);
  });

  it('the session check reads the user as stored now, so a changed email shows on the next request', async () => {
    const { user } = await createTenant();
    const { sessionId } = await signIn(user.id);
    const read = () => withSystem('test: holder', (tx) => activeSessionUser(tx, { sessionId, userId: user.id, tokenVersion: 0 }));
    expect(await read()).toMatchObject({ email: user.email, name: user.name });
    await withSystem('test: change', (tx) => tx.update(users).set({ email: `moved-${user.email}`, name: 'Moved' }).where(eq(users.id, user.id)));
    expect(await read()).toMatchObject({ email: `moved-${user.email}`, name: 'Moved' });
    await withSystem('test: revoke', (tx) => revokeSession(tx, user.id, sessionId, 'test'));
    expect(await read()).toBeNull();
  });
});
