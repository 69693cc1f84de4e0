import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { accounts, users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { listAccountSecurityEvents } from '@/lib/audit/queries';
import {
  completeOAuthLink,
  linkedProviders,
  OAUTH_LINK_TTL_MS,
  startOAuthLink,
  unlinkOAuthIdentity,
  userForIdentity,
  type ProviderIdentity,
} from '@/lib/auth/oauth-link';
import { createTenant } from '../../helpers/database';

async function verifiedUser() {
  const { user, outsider } = await createTenant();
  await withSystem('test: verify', (tx) => tx.update(users).set({ emailVerified: new Date() }).where(eq(users.id, user.id)));
  return { user, outsider };
}

function identity(email: string, overrides: Partial<ProviderIdentity> = {}): ProviderIdentity {
  return { provider: 'github', providerAccountId: `gh-${email}`, type: 'oauth', email, emailVerified: true, ...overrides };
}

const start = (userId: string, provider: 'google' | 'github' = 'github', now = new Date()) =>
  withSystem('test: start', (tx) => startOAuthLink(tx, userId, provider, now));

async function startedToken(userId: string, provider: 'google' | 'github' = 'github', now = new Date()) {
  const started = await start(userId, provider, now);
  if (!started.ok) throw new Error(started.message);
  return started.token;
}

const complete = (token: string, who: ProviderIdentity, now = new Date()) =>
  withSystem('test: complete', (tx) => completeOAuthLink(tx, token, who, { ip: '203.0.113.9', userAgent: 'test' }, now));

describe('connecting Google/GitHub to an account', () => {
  it('links an identity whose verified address matches, stores no provider tokens, and audits it', async () => {
    const { user } = await verifiedUser();
    const token = await startedToken(user.id);
    expect((await complete(token, identity(user.email.toUpperCase()))).outcome).toBe('linked');

    const rows = await withSystem('test: read', (tx) => tx.select().from(accounts).where(eq(accounts.userId, user.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ provider: 'github', access_token: null, refresh_token: null, id_token: null });
    expect(await withSystem('test: who', (tx) => userForIdentity(tx, 'github', `gh-${user.email.toUpperCase()}`))).toMatchObject({ id: user.id });
    const events = await withSystem('test: events', (tx) => listAccountSecurityEvents(tx, user.id, { limit: 5 }));
    expect(events.map((e) => e.action)).toContain('auth.oauth.linked');
  });

  it('refuses to start for an account whose address is not confirmed', async () => {
    const { user } = await createTenant();
    const started = await start(user.id);
    expect(started).toMatchObject({ ok: false, message: expect.stringMatching(/confirm your email/i) });
  });

  it('refuses a different address, an address the provider has not verified, and an identity another account uses', async () => {
    const { user } = await verifiedUser();
    const other = await verifiedUser();

    expect((await complete(await startedToken(user.id), identity('someone-else@example.test'))).outcome).toBe('email-mismatch');
    expect((await complete(await startedToken(user.id), identity(user.email, { emailVerified: false }))).outcome).toBe('provider-unverified');

    const shared = identity(other.user.email, { providerAccountId: 'gh-shared' });
    expect((await complete(await startedToken(other.user.id), shared)).outcome).toBe('linked');
    expect((await complete(await startedToken(user.id), { ...shared, email: user.email })).outcome).toBe('taken');
    expect(await withSystem('test: linked', (tx) => linkedProviders(tx, user.id))).toEqual([]);
  });

  it('an intent works once, for its own provider, for ten minutes', async () => {
    const { user } = await verifiedUser();
    const now = new Date('2026-11-22T10:00:00Z');

    const forGoogle = await startedToken(user.id, 'google', now);
    expect((await complete(forGoogle, identity(user.email), now)).outcome).toBe('expired'); // a GitHub identity

    const stale = await startedToken(user.id, 'github', now);
    expect((await complete(stale, identity(user.email), new Date(now.getTime() + OAUTH_LINK_TTL_MS + 1))).outcome).toBe('expired');

    const fresh = await startedToken(user.id, 'github', now);
    expect((await complete(fresh, identity(user.email), now)).outcome).toBe('linked');
    expect((await complete(fresh, identity(user.email), now)).outcome).toBe('expired');
    expect((await complete('forged-token-forged-token-forged-token-abcd', identity(user.email), now)).outcome).toBe('expired');
  });

  it('a newer intent replaces the older one', async () => {
    const { user } = await verifiedUser();
    const older = await startedToken(user.id);
    const newer = await startedToken(user.id);
    expect((await complete(older, identity(user.email))).outcome).toBe('expired');
    expect((await complete(newer, identity(user.email))).outcome).toBe('linked');
  });

  it('an account whose address became unconfirmed after starting is refused', async () => {
    const { user } = await verifiedUser();
    const token = await startedToken(user.id);
    await withSystem('test: unverify', (tx) => tx.update(users).set({ emailVerified: null }).where(eq(users.id, user.id)));
    expect((await complete(token, identity(user.email))).outcome).toBe('account-unverified');
  });

  it('does not start a second link for a provider already connected; disconnecting removes it and audits it', async () => {
    const { user } = await verifiedUser();
    expect((await complete(await startedToken(user.id), identity(user.email))).outcome).toBe('linked');
    expect(await start(user.id)).toMatchObject({ ok: false, message: 'GitHub is already connected.' });

    expect(await withSystem('test: unlink', (tx) => unlinkOAuthIdentity(tx, user.id, 'github'))).toEqual({ ok: true });
    expect(await withSystem('test: unlink', (tx) => unlinkOAuthIdentity(tx, user.id, 'github'))).toMatchObject({ ok: false });
    expect(await withSystem('test: linked', (tx) => linkedProviders(tx, user.id))).toEqual([]);
    const events = await withSystem('test: events', (tx) => listAccountSecurityEvents(tx, user.id, { limit: 5 }));
    expect(events.map((e) => e.action)).toContain('auth.oauth.unlinked');
  });
});
