import type { NextAuthConfig } from 'next-auth';
import { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { withSystem } from '@/db/tenant';
import { env } from '@/lib/env';
import { getLogger } from '@/lib/observability/logger';
import { clientIp } from '@/lib/http/client-ip';
import { limitSignIn, resetSignInForEmail } from '@/lib/ratelimit/limits';
import { systemAdapter } from './adapter';
import { burnPasswordCheck, verifyPassword } from './password';
import { signInSchema } from './schemas';
import { findUserByEmail, tokenVersionOf } from './users';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name?: string | null; image?: string | null };
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    uid?: string;
    tv?: number;
  }
}

export const SIGN_IN_PATH = '/sign-in';

/** Thrown from authorize so the sign-in form can say "slow down" instead of "wrong password". */
export class RateLimitedSignIn extends CredentialsSignin {
  code = 'rate_limited';
}

async function authorizeWithPassword(raw: unknown, request: Request) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // In authorize, not the form action, so a direct POST to the Auth.js callback is limited too.
  const limit = await limitSignIn({ ip: clientIp(request.headers), email });
  if (!limit.success) throw new RateLimitedSignIn();
  const user = await withSystem('sign-in lookup', (tx) => findUserByEmail(tx, email));
  if (!user?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  await resetSignInForEmail(email);
  return { id: user.id, email: user.email, name: user.name, image: user.image, tokenVersion: user.tokenVersion };
}

export function authConfig(): NextAuthConfig {
  return {
    secret: env().AUTH_SECRET,
    trustHost: true,
    adapter: systemAdapter(),
    // Credentials needs JWT sessions (STACK-NOTES); revocation is the token version check below.
    session: { strategy: 'jwt', maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: SIGN_IN_PATH },
    // Auth.js logs to the console by default; route it into the structured log. A failed
    // password is an expected event, not an error.
    logger: {
      error(error) {
        const log = getLogger({ component: 'auth' });
        if (error instanceof CredentialsSignin) log.info({ code: error.code }, 'credentials sign-in refused');
        else log.error({ err: error }, 'auth error');
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
        authorize: authorizeWithPassword,
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user?.id) {
          token.uid = user.id;
          token.tv = (user as { tokenVersion?: number }).tokenVersion ?? 0;
          return token;
        }
        if (!token.uid) return null;
        // A bumped token version (password change, "sign out everywhere") ends older sessions
        // on their next request.
        const current = await withSystem('session check', (tx) => tokenVersionOf(tx, token.uid!));
        if (current === null || current !== (token.tv ?? 0)) return null;
        return token;
      },
      session({ session, token }) {
        if (token.uid) session.user.id = token.uid;
        return session;
      },
    },
  };
}
