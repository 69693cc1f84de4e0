import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import {
  isEmailVerified,
  issueEmailVerification,
  resendVerification,
  resendVerificationFromToken,
  queueVerificationEmail,
  VERIFY_EMAIL_TTL_MS,
  verifyEmailToken,
} from '@/lib/auth/email-verification';
import { tokenFromLastEmail, templatesSentTo } from './support/mailbox';

async function unverifiedUser() {
  const email = `verify-${randomUUID().slice(0, 8)}@example.test`;
  const [user] = await withSystem('test', (tx) => tx.insert(users).values({ email, name: 'Vera' }).returning());
  return user!;
}

async function linkFor(user: { id: string; email: string; name: string | null }, now?: Date) {
  await withSystem('test', async (tx) => queueVerificationEmail(tx, await issueEmailVerification(tx, user, { now })));
  return tokenFromLastEmail(user.email, 'verify-email');
}

describe('email verification', () => {
  it('confirms the address once; opening the link again still reads as confirmed', async () => {
    const user = await unverifiedUser();
    const token = await linkFor(user);
    expect(await isEmailVerified(user.id)).toBe(false);
    expect(await verifyEmailToken(token)).toEqual({
      status: 'verified',
      userId: user.id,
      email: user.email,
      next: '/onboarding',
      signInToken: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(await isEmailVerified(user.id)).toBe(true);
    expect(await verifyEmailToken(token)).toMatchObject({ status: 'verified', signInToken: null });
  });

  it('sends the welcome email once, when the address is first confirmed', async () => {
    const user = await unverifiedUser();
    const token = await linkFor(user);
    await verifyEmailToken(token);
    await verifyEmailToken(token);
    expect((await templatesSentTo(user.email)).filter((t) => t === 'welcome')).toHaveLength(1);
  });

  it('refuses expired and forged links', async () => {
    const user = await unverifiedUser();
    const issued = new Date(Date.now() - VERIFY_EMAIL_TTL_MS - 1000);
    const token = await linkFor(user, issued);
    expect(await verifyEmailToken(token)).toEqual({ status: 'expired' });
    expect(await verifyEmailToken('forged-token-forged-token-forged-token-forg')).toEqual({ status: 'invalid' });
    expect(await verifyEmailToken('')).toEqual({ status: 'invalid' });
    expect(await isEmailVerified(user.id)).toBe(false);
  });

  it('a new link replaces the old one', async () => {
    const user = await unverifiedUser();
    const old = await linkFor(user);
    const fresh = await linkFor(user);
    expect(await verifyEmailToken(old)).toEqual({ status: 'used' });
    expect(await verifyEmailToken(fresh)).toMatchObject({ status: 'verified' });
  });

  it('an expired link can ask for a new one for the same address; forged ones send nothing', async () => {
    const user = await unverifiedUser();
    const expired = await linkFor(user, new Date(Date.now() - VERIFY_EMAIL_TTL_MS - 1000));
    expect(await resendVerificationFromToken(expired)).toEqual({ ok: true, sent: true });
    const fresh = await tokenFromLastEmail(user.email, 'verify-email');
    expect(fresh).not.toBe(expired);
    expect(await verifyEmailToken(fresh)).toMatchObject({ status: 'verified' });
    expect(await resendVerificationFromToken('x'.repeat(43))).toEqual({ ok: true, sent: false });
  });

  it('resend from the banner is rate limited and does nothing for a verified address', async () => {
    const user = await unverifiedUser();
    for (let i = 0; i < 3; i++) expect(await resendVerification(user.id)).toEqual({ ok: true, sent: true });
    expect(await resendVerification(user.id)).toMatchObject({ ok: false, message: expect.stringMatching(/Too many/) });
    expect(await templatesSentTo(user.email)).toHaveLength(3);

    const verified = await unverifiedUser();
    await withSystem('test', (tx) => tx.update(users).set({ emailVerified: new Date() }).where(eq(users.id, verified.id)));
    expect(await resendVerification(verified.id)).toEqual({ ok: true, sent: false });
  });

  it('a link for an address the account no longer uses is refused', async () => {
    const user = await unverifiedUser();
    const token = await linkFor(user);
    await withSystem('test', (tx) => tx.update(users).set({ email: `moved-${user.email}` }).where(eq(users.id, user.id)));
    expect(await verifyEmailToken(token)).toEqual({ status: 'invalid' });
    expect(await isEmailVerified(user.id)).toBe(false);
  });
});
