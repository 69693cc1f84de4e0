import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, recoveryCodes as recoveryCodesTable, users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { accountChain } from '@/lib/audit';
import {
  cancelTwoFactorEnrolment,
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  getTwoFactorStatus,
  pendingEnrolmentSetup,
  regenerateRecoveryCodes,
  startTwoFactorEnrolment,
} from '@/lib/auth/two-factor/enrolment';
import { verifySecondFactor } from '@/lib/auth/two-factor/verify-code';
import { at, codeAt, enrolledUser, PASSWORD, startEnrolment, T0, userWithPassword } from './support/two-factor';

const status = (userId: string) => withSystem('test: t', (tx) => getTwoFactorStatus(tx, userId));
const auditActions = (userId: string) =>
  withSystem('test: t', async (tx) =>
    (await tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.chain, accountChain(userId))).orderBy(asc(auditLog.seq))).map((r) => r.action),
  );

describe('two-factor enrolment', () => {
  it('stores the secret encrypted and keeps 2FA off until confirmed', async () => {
    const user = await userWithPassword();
    const secret = await startEnrolment(user.id);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const [row] = await withSystem('test: t', (tx) => tx.select().from(users).where(eq(users.id, user.id)));
    expect(row!.totpSecret).toMatch(/^v\d+\./);
    expect(row!.totpSecret).not.toContain(secret);
    expect(row!.totpEnabledAt).toBeNull();
    expect(await status(user.id)).toEqual({ state: 'pending' });
    const setup = await withSystem('test: t', (tx) => pendingEnrolmentSetup(tx, user.id));
    expect(setup!.uri).toMatch(/^otpauth:\/\/totp\/Tessera:.*secret=/);
  });

  it('needs a valid code from the app to turn on', async () => {
    const user = await userWithPassword();
    const secret = await startEnrolment(user.id);
    const wrong = await withSystem('test: t', async (tx) => confirmTwoFactorEnrolment(tx, user.id, await codeAt(secret, at(-120)), {}, T0));
    expect(wrong).toMatchObject({ ok: false, field: 'code' });
    expect(await status(user.id)).toEqual({ state: 'pending' });

    const right = await withSystem('test: t', async (tx) =>
      confirmTwoFactorEnrolment(tx, user.id, await codeAt(secret, T0), { ip: '203.0.113.9', userAgent: 'Vitest' }, T0),
    );
    expect(right.ok).toBe(true);
    expect(await status(user.id)).toMatchObject({ state: 'on', recoveryCodesLeft: 10 });
    expect(await withSystem('test: t', (tx) => pendingEnrolmentSetup(tx, user.id))).toBeNull();
    expect(await auditActions(user.id)).toEqual(['auth.two_factor.enabled']);
    // Only hashes are stored.
    const stored = await withSystem('test: t', (tx) => tx.select().from(recoveryCodesTable).where(eq(recoveryCodesTable.userId, user.id)));
    expect(stored).toHaveLength(10);
    if (right.ok) for (const code of right.recoveryCodes) expect(stored.map((s) => s.codeHash)).not.toContain(code);
  });

  it('stops accepting confirmation codes after five wrong ones', async () => {
    const user = await userWithPassword();
    const secret = await startEnrolment(user.id);
    for (let i = 0; i < 5; i += 1) {
      await withSystem('test: t', (tx) => confirmTwoFactorEnrolment(tx, user.id, '000000', {}, T0));
    }
    const blocked = await withSystem('test: t', async (tx) => confirmTwoFactorEnrolment(tx, user.id, await codeAt(secret, T0), {}, T0));
    expect(blocked).toMatchObject({ ok: false, message: expect.stringMatching(/Too many/) });
  });

  it('cancelling a pending set-up forgets the secret; starting twice replaces it', async () => {
    const user = await userWithPassword();
    const first = await startEnrolment(user.id);
    const second = await startEnrolment(user.id);
    expect(second).not.toBe(first);
    await withSystem('test: t', (tx) => cancelTwoFactorEnrolment(tx, user.id));
    expect(await status(user.id)).toEqual({ state: 'off' });
  });

  it("can't be started again while on", async () => {
    const { user } = await enrolledUser();
    expect(await withSystem('test: t', (tx) => startTwoFactorEnrolment(tx, user.id))).toMatchObject({ ok: false });
    expect(await status(user.id)).toMatchObject({ state: 'on' });
  });
});

describe('recovery code regeneration', () => {
  it('needs a current code and replaces every old code', async () => {
    const { user, secret, recoveryCodes } = await enrolledUser();
    expect(await withSystem('test: t', (tx) => regenerateRecoveryCodes(tx, user.id, '000000', at(60)))).toMatchObject({ ok: false, field: 'code' });
    const fresh = await withSystem('test: t', async (tx) => regenerateRecoveryCodes(tx, user.id, await codeAt(secret, at(60)), at(60)));
    expect(fresh.ok).toBe(true);
    if (!fresh.ok) return;
    expect(fresh.recoveryCodes).toHaveLength(10);
    expect(await withSystem('test: t', (tx) => verifySecondFactor(tx, user.id, recoveryCodes[0]!, at(90)))).toBeNull();
    expect(await withSystem('test: t', (tx) => verifySecondFactor(tx, user.id, fresh.recoveryCodes[0]!, at(90)))).toBe('recovery');
  });
});

describe('turning two-factor off', () => {
  it('needs the password and a code', async () => {
    const { user, secret } = await enrolledUser();
    const wrongPassword = await withSystem('test: t', async (tx) =>
      disableTwoFactor(tx, user.id, { password: 'not my password', code: await codeAt(secret, at(60)) }, {}, at(60)),
    );
    expect(wrongPassword).toMatchObject({ ok: false, field: 'password' });
    const wrongCode = await withSystem('test: t', (tx) => disableTwoFactor(tx, user.id, { password: PASSWORD, code: '000000' }, {}, at(90)));
    expect(wrongCode).toMatchObject({ ok: false, field: 'code' });
    expect(await status(user.id)).toMatchObject({ state: 'on' });

    const done = await withSystem('test: t', async (tx) =>
      disableTwoFactor(tx, user.id, { password: PASSWORD, code: await codeAt(secret, at(120)) }, { ip: '203.0.113.9' }, at(120)),
    );
    expect(done).toEqual({ ok: true });
    expect(await status(user.id)).toEqual({ state: 'off' });
    const [row] = await withSystem('test: t', (tx) => tx.select().from(users).where(eq(users.id, user.id)));
    expect(row!.totpSecret).toBeNull();
    const left = await withSystem('test: t', (tx) => tx.select().from(recoveryCodesTable).where(and(eq(recoveryCodesTable.userId, user.id))));
    expect(left).toHaveLength(0);
    expect(await auditActions(user.id)).toEqual(['auth.two_factor.enabled', 'auth.two_factor.disabled']);
  });

  it('accepts a recovery code as the second factor (lost phone)', async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const done = await withSystem('test: t', (tx) => disableTwoFactor(tx, user.id, { password: PASSWORD, code: recoveryCodes[4]! }, {}, at(60)));
    expect(done).toEqual({ ok: true });
  });
});
