import { describe, expect, it } from 'vitest';
import { withSystem } from '@/db/tenant';
import { userHasTwoFactor, verifySecondFactor } from '@/lib/auth/two-factor/verify-code';
import { at, codeAt, enrolledUser, startEnrolment, T0, userWithPassword } from './support/two-factor';

const verify = (userId: string, code: string, now: Date) => withSystem('test: test verify', (tx) => verifySecondFactor(tx, userId, code, now));

describe('verifySecondFactor: TOTP', () => {
  it('accepts the current step and one step either side', async () => {
    const { user, secret } = await enrolledUser();
    // Each check moves forward in time: a step once used (or older) is refused afterwards.
    expect(await verify(user.id, await codeAt(secret, at(60)), at(60 + 30))).toBe('totp');
    expect(await verify(user.id, await codeAt(secret, at(120)), at(120))).toBe('totp');
    expect(await verify(user.id, await codeAt(secret, at(180)), at(150))).toBe('totp');
  });

  it('rejects codes two steps away', async () => {
    const { user, secret } = await enrolledUser();
    expect(await verify(user.id, await codeAt(secret, at(300)), at(300 + 60))).toBeNull();
    expect(await verify(user.id, await codeAt(secret, at(300 + 60)), at(300))).toBeNull();
  });

  it('rejects a code reused within its window, and older codes after a newer one', async () => {
    const { user, secret } = await enrolledUser();
    const code = await codeAt(secret, at(600));
    expect(await verify(user.id, code, at(600))).toBe('totp');
    expect(await verify(user.id, code, at(600))).toBeNull();
    expect(await verify(user.id, code, at(625))).toBeNull();
    expect(await verify(user.id, await codeAt(secret, at(570)), at(600))).toBeNull();
    expect(await verify(user.id, await codeAt(secret, at(630)), at(630))).toBe('totp');
  });

  it('two concurrent checks of the same code: exactly one wins', async () => {
    const { user, secret } = await enrolledUser();
    const code = await codeAt(secret, at(1500));
    const results = await Promise.all([verify(user.id, code, at(1500)), verify(user.id, code, at(1500))]);
    expect(results.filter((r) => r === 'totp')).toHaveLength(1);
  });

  it("one user's used step doesn't block another's", async () => {
    const a = await enrolledUser();
    const b = await enrolledUser();
    expect(await verify(a.user.id, await codeAt(a.secret, at(900)), at(900))).toBe('totp');
    expect(await verify(b.user.id, await codeAt(b.secret, at(900)), at(900))).toBe('totp');
  });

  it('accepts spaces and a dash in the code; refuses non-codes', async () => {
    const { user, secret } = await enrolledUser();
    const code = await codeAt(secret, at(1200));
    expect(await verify(user.id, `${code.slice(0, 3)} ${code.slice(3)}`, at(1200))).toBe('totp');
    expect(await verify(user.id, '12345', at(1230))).toBeNull();
    expect(await verify(user.id, 'abcdef', at(1230))).toBeNull();
  });

  it('is off until enrolment is confirmed', async () => {
    const user = await userWithPassword();
    expect(await withSystem('test: t', (tx) => userHasTwoFactor(tx, user.id))).toBe(false);
    const secret = await startEnrolment(user.id);
    expect(await withSystem('test: t', (tx) => userHasTwoFactor(tx, user.id))).toBe(false);
    expect(await verify(user.id, await codeAt(secret, T0), T0)).toBeNull();
  });
});

describe('verifySecondFactor: recovery codes', () => {
  it('a recovery code works once', async () => {
    const { user, recoveryCodes } = await enrolledUser();
    expect(await verify(user.id, recoveryCodes[0]!, at(60))).toBe('recovery');
    expect(await verify(user.id, recoveryCodes[0]!, at(61))).toBeNull();
    expect(await verify(user.id, recoveryCodes[1]!, at(62))).toBe('recovery');
  });

  it('the same recovery code used twice at once works once', async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const results = await Promise.all([verify(user.id, recoveryCodes[3]!, at(60)), verify(user.id, recoveryCodes[3]!, at(60))]);
    expect(results.filter((r) => r === 'recovery')).toHaveLength(1);
  });

  it('ignores case, dashes and spaces', async () => {
    const { user, recoveryCodes } = await enrolledUser();
    const code = recoveryCodes[2]!;
    expect(await verify(user.id, ` ${code.replace('-', '').toUpperCase()} `, at(60))).toBe('recovery');
    expect(await verify(user.id, code, at(61))).toBeNull();
  });

  it("someone else's recovery code doesn't work", async () => {
    const a = await enrolledUser();
    const b = await enrolledUser();
    expect(await verify(b.user.id, a.recoveryCodes[0]!, at(60))).toBeNull();
    expect(await verify(a.user.id, a.recoveryCodes[0]!, at(60))).toBe('recovery');
  });

  it('is true to its enrolment: ten codes of the form xxxxx-xxxxx', async () => {
    const { user, recoveryCodes } = await enrolledUser();
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(await withSystem('test: t', (tx) => userHasTwoFactor(tx, user.id))).toBe(true);
  });
});
