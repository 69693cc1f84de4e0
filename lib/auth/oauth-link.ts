import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { accounts, users } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit/record';
import { NO_REQUEST_META, type RequestMeta } from '@/lib/tenancy/request-meta';
import { OAUTH_PROVIDER_NAMES, type OAuthProviderId } from './oauth-providers';
import { consumeAuthToken, createAuthToken, revokeAuthTokens } from './tokens';

/**
 * "Connect Google/GitHub" from Account → Security. Auth.js would link an OAuth identity to
 * whoever its session cookie names — even a revoked session — so that path is closed (the JWT
 * carries no `sub`) and linking happens only here: a signed-in, verified account starts an
 * intent (a single-use token in an httpOnly cookie), and the provider's callback completes it
 * when the provider vouches for the same address.
 */
export const OAUTH_LINK_COOKIE = 'tessera.oauth-link';
export const OAUTH_LINK_TTL_MS = 10 * 60 * 1000;

export type StartLinkResult = { ok: true; token: string } | { ok: false; message: string };

export async function startOAuthLink(tx: Tx, userId: string, provider: OAuthProviderId, now = new Date()): Promise<StartLinkResult> {
  const [user] = await tx.select({ email: users.email, verified: users.emailVerified }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return { ok: false, message: 'Your account could not be found. Sign in again.' };
  if (!user.verified) return { ok: false, message: 'Confirm your email address first: linking a provider needs a confirmed address.' };
  const [existing] = await tx
    .select({ id: accounts.providerAccountId })
    .from(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.provider, provider)))
    .limit(1);
  if (existing) return { ok: false, message: `${OAUTH_PROVIDER_NAMES[provider]} is already connected.` };
  await revokeAuthTokens(tx, userId, 'oauth_link', now);
  const token = await createAuthToken(tx, { userId, email: user.email, purpose: 'oauth_link', ttlMs: OAUTH_LINK_TTL_MS, data: { provider }, now });
  return { ok: true, token };
}

export type LinkOutcome = 'linked' | 'already-linked' | 'taken' | 'email-mismatch' | 'provider-unverified' | 'account-unverified' | 'expired';

export type ProviderIdentity = {
  provider: OAuthProviderId;
  providerAccountId: string;
  type: 'oauth' | 'oidc';
  email: string | null;
  emailVerified: boolean;
};

/**
 * Spends the intent and, when every rule holds, attaches the identity to the intent's account.
 * Only the identity is stored: Tessera signs in with it and never calls the provider's API, so
 * keeping access or refresh tokens would be risk without use.
 */
export async function completeOAuthLink(
  tx: Tx,
  rawIntent: string,
  identity: ProviderIdentity,
  meta: RequestMeta = NO_REQUEST_META,
  now = new Date(),
): Promise<{ outcome: LinkOutcome; userId: string | null }> {
  const intent = await consumeAuthToken(tx, 'oauth_link', rawIntent, now);
  if (typeof intent === 'string' || !intent.userId || intent.data.provider !== identity.provider) return { outcome: 'expired', userId: null };
  const userId = intent.userId;
  const [user] = await tx.select({ email: users.email, verified: users.emailVerified }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return { outcome: 'expired', userId: null };
  if (!user.verified) return { outcome: 'account-unverified', userId };

  const [owner] = await tx
    .select({ userId: accounts.userId })
    .from(accounts)
    .where(and(eq(accounts.provider, identity.provider), eq(accounts.providerAccountId, identity.providerAccountId)))
    .limit(1);
  if (owner) return { outcome: owner.userId === userId ? 'already-linked' : 'taken', userId };
  if (!identity.emailVerified || !identity.email) return { outcome: 'provider-unverified', userId };
  if (identity.email.toLowerCase() !== user.email.toLowerCase()) return { outcome: 'email-mismatch', userId };

  await tx.insert(accounts).values({ userId, type: identity.type, provider: identity.provider, providerAccountId: identity.providerAccountId });
  await recordAccountAudit(tx, userId, {
    action: 'auth.oauth.linked',
    actorUserId: userId,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { provider: identity.provider },
  });
  return { outcome: 'linked', userId };
}

export type UnlinkResult = { ok: true } | { ok: false; message: string };

/** Disconnecting is always safe: the email address (magic link, reset) remains a way in. */
export async function unlinkOAuthIdentity(tx: Tx, userId: string, provider: OAuthProviderId, meta: RequestMeta = NO_REQUEST_META): Promise<UnlinkResult> {
  const removed = await tx
    .delete(accounts)
    .where(and(eq(accounts.userId, userId), eq(accounts.provider, provider)))
    .returning({ id: accounts.providerAccountId });
  if (removed.length === 0) return { ok: false, message: `${OAUTH_PROVIDER_NAMES[provider]} isn’t connected.` };
  await recordAccountAudit(tx, userId, { action: 'auth.oauth.unlinked', actorUserId: userId, ip: meta.ip, userAgent: meta.userAgent, metadata: { provider } });
  return { ok: true };
}

export async function linkedProviders(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx.select({ provider: accounts.provider }).from(accounts).where(eq(accounts.userId, userId)).orderBy(asc(accounts.provider));
  return rows.map((r) => r.provider);
}

/** The account an identity already signs in to, if any. */
export async function userForIdentity(tx: Tx, provider: string, providerAccountId: string) {
  const [row] = await tx
    .select({ id: users.id, email: users.email, totpEnabledAt: users.totpEnabledAt })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, provider), eq(accounts.providerAccountId, providerAccountId)))
    .limit(1);
  return row ?? null;
}

/**
 * Auth.js creates OAuth sign-ups unconfirmed; the sign-in callback admits a new identity only
 * when the provider verified its address, so that address is confirmed once the account exists.
 */
export async function confirmAddressFromProvider(tx: Tx, userId: string, email: string, now = new Date()): Promise<void> {
  await tx
    .update(users)
    .set({ emailVerified: now, updatedAt: now })
    .where(and(eq(users.id, userId), isNull(users.emailVerified), eq(sql`lower(${users.email})`, email.toLowerCase())));
}
