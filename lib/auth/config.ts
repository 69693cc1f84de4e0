import { eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import type { NextAuthConfig } from 'next-auth';
import { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import Resend from 'next-auth/providers/resend';
import { isDatabaseUnavailable, withSystem } from '@/db/tenant';
import { users } from '@/db/schema';
import { recordAccountAudit } from '@/lib/audit/record';
import { startEmailDelivery } from '@/lib/email';
import { env } from '@/lib/env';
import { clientIp } from '@/lib/http/client-ip';
import { getLogger } from '@/lib/observability/logger';
import { currentRequestId } from '@/lib/observability/request-id';
import { systemAdapter } from './adapter';
import { noteSessionCheckUnavailable } from './checked-session';
import { sendMagicLinkEmail } from './magic-link';
import { queueNewDeviceNotice } from './new-device-notice';
import { decideOAuthSignIn } from './oauth-callback';
import { confirmAddressFromProvider } from './oauth-link';
import { oauthProviders } from './oauth-providers';
import { SIGN_IN_PATH, TWO_FACTOR_PATH } from './paths';
import { pendingCallbackPath } from './pending-callback';
import { authorizePassword } from './password-sign-in';
import { activeSessionOfToken } from './request-session';
import { createUserSession, revokeSession, SESSION_MAX_AGE_SECONDS, type SignInMethod } from './sessions';
import { ensurePersonalWorkspace } from './sign-up';
import { findUserByEmail } from './users';
import { createTwoFactorChallenge } from './two-factor/challenge';
import { authorizeSecondFactor, setChallengeCookie } from './two-factor/challenge-cookie';
import { authorizeVerifiedLink } from './verified-link-provider';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name?: string | null; image?: string | null };
    sessionId?: string;
  }
  interface User {
    tokenVersion?: number;
    method?: SignInMethod;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    uid?: string;
    tv?: number;
    sid?: string;
  }
}

export { SIGN_IN_PATH, TWO_FACTOR_PATH };
// Magic links are single use (Auth.js deletes the token) and expire after 15 minutes.
const MAGIC_LINK_MAX_AGE_SECONDS = 15 * 60;

function methodFor(provider: string | undefined, user: { method?: SignInMethod }): SignInMethod {
  if (provider === 'credentials') return 'password';
  if (provider === 'two-factor') return user.method ?? 'password+2fa';
  if (provider === 'email') return 'magic-link';
  // The button after a first confirmation link: the same proof (the mailbox) as a magic link.
  if (provider === 'verified-link') return 'magic-link';
  return 'oauth';
}

/**
 * Auth.js turns an error inside authorize or a callback into "wrong credentials" or "signed out";
 * one caused by a database outage is noted, so the route answers 503 (lib/auth/checked-session.ts).
 */
async function notingOutage<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isDatabaseUnavailable(error)) noteSessionCheckUnavailable();
    throw error;
  }
}

async function requestContext() {
  const incoming = await headers();
  return { ip: clientIp(incoming), userAgent: incoming.get('user-agent') };
}

export function authConfig(): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    adapter: systemAdapter(),
    // Credentials needs JWT sessions (STACK-NOTES); each JWT names a user_sessions row, which is
    // checked on every request so revocation takes effect at once.
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: SIGN_IN_PATH, verifyRequest: '/check-email', error: SIGN_IN_PATH },
    logger: {
      error(error) {
        // With the request id, and the real error Auth.js keeps in `cause.err` (its own message is only "Read more at …").
        void currentRequestId().then((requestId) => {
          const log = getLogger({ component: 'auth', ...(requestId ? { requestId } : {}) });
          if (error instanceof CredentialsSignin) log.info({ code: error.code }, 'credentials sign-in refused');
          // The outage is logged once by db/availability.ts, not once per request here.
          else if (isDatabaseUnavailable((error.cause as { err?: unknown } | undefined)?.err)) return;
          else log.error({ err: error }, 'auth error');
        });
      },
      warn(code) {
        getLogger({ component: 'auth' }).warn({ code }, 'auth warning');
      },
      debug() {},
    },
    providers: [
      Credentials({
        id: 'credentials',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        authorize: (raw, request) => notingOutage(() => authorizePassword(raw, request)),
      }),
      Credentials({
        id: 'two-factor',
        credentials: { code: { type: 'text' } },
        authorize: async (raw) => (typeof raw?.code === 'string' ? notingOutage(() => authorizeSecondFactor(raw.code as string)) : null),
      }),
      Credentials({
        id: 'verified-link',
        credentials: { token: { type: 'text' } },
        authorize: (raw) => notingOutage(() => authorizeVerifiedLink(raw)),
      }),
      Resend({
        id: 'email',
        name: 'Email',
        from: env().EMAIL_FROM,
        maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
        sendVerificationRequest: ({ identifier, url, expires, request }) => sendMagicLinkEmail({ identifier, url, expires, request }),
      }),
      ...oauthProviders(),
    ],
    callbacks: {
      async signIn({ user, account, profile, email }) {
        if (!account || account.type === 'credentials') return true;
        if (email?.verificationRequest) return true;
        if (account.type === 'oauth' || account.type === 'oidc') return decideOAuthSignIn(account, profile);
        // A magic link is a first factor only when the account has 2FA on.
        const target = await pendingCallbackPath();
        const challenge = user.email
          ? await withSystem('auth: sign-in second factor check', async (tx) => {
              const row = await findUserByEmail(tx, user.email!);
              return row?.totpEnabledAt ? createTwoFactorChallenge(tx, row, 'magic-link', target) : null;
            })
          : null;
        if (!challenge) return true;
        await setChallengeCookie(challenge);
        return TWO_FACTOR_PATH;
      },
      async jwt({ token, user, account }) {
        if (user?.id) {
          const context = await requestContext();
          const method = methodFor(account?.provider, user);
          const session = await notingOutage(() => withSystem('auth: record sign-in', async (tx) => {
            const [row] = await tx.select({ tv: users.tokenVersion, email: users.email }).from(users).where(eq(users.id, user.id!)).limit(1);
            const created = await createUserSession(tx, { userId: user.id!, userAgent: context.userAgent, ip: context.ip, method });
            await recordAccountAudit(tx, user.id!, {
              action: 'auth.sign_in.succeeded',
              actorUserId: user.id!,
              actorLabel: row?.email ?? user.email ?? null,
              ip: context.ip,
              userAgent: context.userAgent,
              metadata: { method, device: created.device },
            });
            const email = row?.email ?? user.email;
            if (created.newDevice && email) await queueNewDeviceNotice(tx, { email, device: created.device, ip: context.ip, when: new Date() });
            return { ...created, tokenVersion: row?.tv ?? 0, email: row?.email ?? user.email ?? '' };
          }));
          // No `sub`: Auth.js would link an OAuth identity to whoever `sub` names, even from a
          // revoked session. Linking goes through lib/auth/oauth-link instead.
          delete token.sub;
          token.uid = user.id;
          token.email = session.email;
          token.tv = session.tokenVersion;
          token.sid = session.sessionId;
          if (session.newDevice) startEmailDelivery();
          return token;
        }
        // "Could not check" is not "signed out": the callers answer 503 (lib/auth/checked-session.ts).
        const holder = await notingOutage(() => activeSessionOfToken(token));
        if (!holder) return null;
        // Read every request anyway for revocation, so name and email are never stale.
        delete token.sub;
        token.email = holder.email;
        token.name = holder.name;
        token.picture = holder.image;
        return token;
      },
      session({ session, token }) {
        if (token.uid) session.user.id = token.uid;
        if (token.sid) session.sessionId = token.sid;
        return session;
      },
    },
    events: {
      // Fires only for an OAuth sign-up: linking from Account → Security doesn't go through Auth.js.
      async linkAccount({ user, profile }) {
        const provider = profile as { email?: string | null; emailVerified?: Date | null };
        if (user.id && provider.email && provider.emailVerified) {
          await withSystem('auth: oauth sign-up address', (tx) => confirmAddressFromProvider(tx, user.id!, provider.email!));
        }
      },
      async createUser({ user }) {
        // Magic-link and OAuth sign-ups are created by the adapter: give them a workspace too.
        if (user.id) await withSystem('auth: personal workspace for new user', (tx) => ensurePersonalWorkspace(tx, { id: user.id!, email: user.email ?? '', name: user.name ?? null }));
      },
      async signOut(message) {
        const token = 'token' in message ? message.token : null;
        if (!token?.sid || !token.uid) return;
        const context = await requestContext();
        await withSystem('auth: sign out', async (tx) => {
          await revokeSession(tx, token.uid!, token.sid!, 'signed_out');
          await recordAccountAudit(tx, token.uid!, { action: 'auth.sign_out', actorUserId: token.uid!, ip: context.ip, userAgent: context.userAgent });
        });
      },
    },
  };
}
