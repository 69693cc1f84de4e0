import { and, eq, isNull } from 'drizzle-orm';
import { users } from '@/db/schema';
import { withSystem, type Tx } from '@/db/tenant';
import { startEmailDelivery } from '@/lib/email';
import { appUrl, queueTemplate } from '@/lib/email/templates';
import { applyHeldWooCommerceDeliveries } from '@/lib/billing/woocommerce/held-deliveries';
import { getLogger } from '@/lib/observability/logger';
import { safeCallbackPath } from './safe-redirect';
import { consumeAuthToken, createAuthToken, findAuthToken, revokeAuthTokens } from './tokens';
import { TOO_MANY_REQUESTS } from '@/lib/ratelimit/limits';
import { limitAccount } from './account-limits';
import { issueVerifiedSignIn } from './verified-link-sign-in';

export const VERIFY_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;
const DEFAULT_NEXT = '/onboarding';

export type VerificationRequest = { to: string; name: string | null; token: string };

/**
 * A fresh 24-hour link for the user's current address; older links stop working. `next` is where
 * the verified page leads (an invitation, say). Returns what queueVerificationEmail sends.
 */
export async function issueEmailVerification(
  tx: Tx,
  user: { id: string; email: string; name: string | null },
  options: { next?: string; now?: Date } = {},
): Promise<VerificationRequest> {
  const now = options.now ?? new Date();
  await revokeAuthTokens(tx, user.id, 'verify_email', now);
  const token = await createAuthToken(tx, {
    userId: user.id,
    email: user.email,
    purpose: 'verify_email',
    ttlMs: VERIFY_EMAIL_TTL_MS,
    data: { next: safeCallbackPath(options.next, DEFAULT_NEXT) },
    now,
  });
  return { to: user.email, name: user.name, token };
}

/** In the transaction that issued the link, so the link never exists without its email. */
export function queueVerificationEmail(tx: Tx, request: VerificationRequest) {
  return queueTemplate(tx, 'verify-email', request.to, {
    name: request.name,
    url: appUrl('/verify-email', { token: request.token }),
    expiresInHours: VERIFY_EMAIL_TTL_MS / 3_600_000,
  });
}

export type VerifyEmailOutcome =
  | { status: 'verified'; userId: string; email: string; next: string; signInToken: string | null }
  | { status: 'expired' | 'used' | 'invalid' };

/**
 * Spends the link and marks the address verified. A link for an address the account no longer
 * uses is refused. A second visit to a link that already did its job reads as success, since
 * mail scanners and double clicks open links too.
 *
 * The visit that first confirms the address also gets `signInToken` (verified-link-sign-in.ts):
 * sign-up doesn't sign in, so this is where a new account's session starts. The repeat visit gets
 * none — whoever opened the link first (perhaps a scanner) had the only one.
 */
export async function verifyEmailToken(raw: string, now: Date = new Date()): Promise<VerifyEmailOutcome> {
  const outcome = await spendVerification(raw, now);
  if (outcome.status === 'verified' && outcome.welcome) {
    startEmailDelivery();
    // A store subscription bought before the address was confirmed reaches the workspace now;
    // if that fails the deliveries stay held, and the verification stands.
    await applyHeldWooCommerceDeliveries(outcome.userId, now).catch((error: unknown) =>
      getLogger({ module: 'billing', source: 'woocommerce' }).error({ err: error, userId: outcome.userId }, 'applying held woocommerce deliveries failed'),
    );
  }
  if (outcome.status !== 'verified') return outcome;
  return { status: 'verified', userId: outcome.userId, email: outcome.email, next: outcome.next, signInToken: outcome.signInToken ?? null };
}

type SpentVerification =
  | { status: 'expired' | 'used' | 'invalid' }
  | { status: 'verified'; userId: string; email: string; next: string; welcome?: { name: string | null } | null; signInToken?: string };

async function spendVerification(raw: string, now: Date): Promise<SpentVerification> {
  return withSystem('auth: verify email', async (tx): Promise<SpentVerification> => {
    const token = await consumeAuthToken(tx, 'verify_email', raw, now);
    if (token === 'used') {
      const seen = await findAuthToken(tx, 'verify_email', raw);
      if (!seen?.userId) return { status: 'used' };
      const user = await userRow(tx, seen.userId);
      if (user?.emailVerified && user.email === seen.email) return { status: 'verified', userId: user.id, email: user.email, next: nextOf(seen.data) };
      return { status: 'used' };
    }
    if (typeof token === 'string') return { status: token };
    const user = token.userId ? await userRow(tx, token.userId) : null;
    if (!user || user.email.toLowerCase() !== token.email.toLowerCase()) return { status: 'invalid' };
    const next = nextOf(token.data);
    if (user.emailVerified) return { status: 'verified', userId: user.id, email: user.email, next, welcome: null };
    await tx.update(users).set({ emailVerified: now, updatedAt: now }).where(eq(users.id, user.id));
    const signInToken = await issueVerifiedSignIn(tx, user, next, now);
    // The welcome goes out once, with the change that first confirmed the address.
    await queueTemplate(tx, 'welcome', user.email, { name: user.name, url: appUrl(next) });
    return { status: 'verified', userId: user.id, email: user.email, next, welcome: { name: user.name }, signInToken };
  });
}

function nextOf(data: Record<string, unknown>): string {
  return safeCallbackPath(data.next, DEFAULT_NEXT);
}

async function userRow(tx: Tx, userId: string) {
  const [user] = await tx
    .select({ id: users.id, email: users.email, name: users.name, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return user ?? null;
}

export type ResendOutcome = { ok: true; sent: boolean } | { ok: false; message: string };

/** The banner's "resend" for a signed-in user. `sent` is false when the address is already verified. */
export async function resendVerification(userId: string, now: Date = new Date()): Promise<ResendOutcome> {
  const limit = await limitAccount('verifyResendUser', userId);
  if (!limit.success) return { ok: false, message: TOO_MANY_REQUESTS };
  const request = await withSystem('auth: resend email verification', async (tx) => {
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name })
      .from(users)
      .where(and(eq(users.id, userId), isNull(users.emailVerified)))
      .limit(1);
    if (!user) return null;
    const request = await issueEmailVerification(tx, user, { now });
    await queueVerificationEmail(tx, request);
    return request;
  });
  if (request) startEmailDelivery();
  return { ok: true, sent: Boolean(request) };
}

/**
 * "Send a new link" from an expired link, without signing in: holding the old link proves the
 * mailbox, so a new one goes to the same address if it is still the account's and unverified.
 * Unknown or forged tokens get the same answer and no email.
 */
export async function resendVerificationFromToken(raw: string, now: Date = new Date()): Promise<ResendOutcome> {
  const found = await withSystem('auth: resend email verification', async (tx) => {
    const token = await findAuthToken(tx, 'verify_email', raw);
    if (!token?.userId) return null;
    const user = await userRow(tx, token.userId);
    if (!user || user.emailVerified || user.email.toLowerCase() !== token.email.toLowerCase()) return null;
    return { userId: user.id, email: token.email, next: nextOf(token.data) };
  });
  // The limit is Redis work: counted between the two transactions, never inside one.
  if (!found || !(await limitAccount('verifyResendUser', found.userId)).success) return { ok: true, sent: false };
  const request = await withSystem('auth: resend email verification', async (tx) => {
    const user = await userRow(tx, found.userId);
    if (!user || user.emailVerified || user.email.toLowerCase() !== found.email.toLowerCase()) return null;
    const request = await issueEmailVerification(tx, user, { next: found.next, now });
    await queueVerificationEmail(tx, request);
    return request;
  });
  if (request) startEmailDelivery();
  return { ok: true, sent: Boolean(request) };
}

export async function isEmailVerified(userId: string): Promise<boolean> {
  const [row] = await withSystem('auth: email verified check', (tx) =>
    tx.select({ verified: users.emailVerified }).from(users).where(eq(users.id, userId)).limit(1),
  );
  return Boolean(row?.verified);
}
