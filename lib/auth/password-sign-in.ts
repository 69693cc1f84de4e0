import { CredentialsSignin } from 'next-auth';
import { withSystem } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit/record';
import { clientIp } from '@/lib/http/client-ip';
import { limitSignIn, resetSignInForEmail } from '@/lib/ratelimit/limits';
import { deviceCookieOf, deviceNonceFor, setDeviceCookie } from './device-cookie';
import { clearFailureCounters, clearLockoutRow, countFailedPassword, isLockedOut, recordFailedPasswordRow, type SignInClient } from './lockout';
import { burnPasswordCheck, verifyPassword } from './password';
import { safeCallbackPath } from './safe-redirect';
import { signInSchema } from './schemas';
import { createTwoFactorChallenge } from './two-factor/challenge';
import { setChallengeCookie } from './two-factor/challenge-cookie';
import { withTimeFloor } from './time-floor';
import { findUserByEmail } from './users';

/** Thrown from authorize so the form can say "slow down" instead of "wrong password". */
export class RateLimitedSignIn extends CredentialsSignin {
  code = 'rate_limited';
}

/** Same for a locked account and for an unknown email that failed as often: no enumeration. */
export class LockedOutSignIn extends CredentialsSignin {
  code = 'locked';
}

/** Password right, second factor pending: the challenge cookie is set, the form moves on. */
export class TwoFactorRequired extends CredentialsSignin {
  code = 'two_factor_required';
}

/**
 * How soon the password provider may answer. A known email with a wrong password writes the
 * failure and an audit row; an unknown one only counts in Redis: a few ms apart, enough to tell
 * accounts apart over many tries. Every answer (success, failure, lockout, limit) waits for the
 * floor, which sits above the slowest path (password hash + writes), like sign-up's.
 */
export const SIGN_IN_TIME_FLOOR_MS = 400;

export function authorizePassword(raw: unknown, request: Request) {
  return withTimeFloor(SIGN_IN_TIME_FLOOR_MS, () => authorizePasswordNow(raw, request));
}

/**
 * The password provider. Rate limits, lockout and the 2FA hand-off live here rather than in the
 * form action, so a direct POST to the Auth.js callback meets the same checks. Redis counters are
 * read and written outside the transactions (a transaction never waits on Redis), before the
 * failure's writes and after the success's.
 */
async function authorizePasswordNow(raw: unknown, request: Request) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const ip = clientIp(request.headers);
  const userAgent = request.headers.get('user-agent');
  const user = await withSystem('auth: sign-in lookup', (tx) => findUserByEmail(tx, email));
  const client: SignInClient = { device: deviceNonceFor(deviceCookieOf(request), user?.id) };
  if (await isLockedOut(email, user, client)) {
    await burnPasswordCheck(password);
    throw new LockedOutSignIn();
  }
  const limit = await limitSignIn({ ip, email, device: client.device });
  if (!limit.success) throw new RateLimitedSignIn();
  const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!ok) {
    const failure = await countFailedPassword(email, user, client);
    if (user) {
      await withSystem('auth: sign-in failure', async (tx) => {
        await recordFailedPasswordRow(tx, user, failure);
        const audit = { actorUserId: user.id, actorLabel: user.email, ip, userAgent };
        const trust = { client: failure.scope };
        await recordAccountAudit(tx, user.id, { ...audit, action: 'auth.sign_in.failed', metadata: { method: 'password', ...trust } });
        if (failure.locks) await recordAccountAudit(tx, user.id, { ...audit, action: 'auth.lockout', metadata: trust });
      });
    }
    if (failure.locks) throw new LockedOutSignIn();
    return null;
  }

  const signedIn = user!;
  await clearFailureCounters(email, client);
  if (!client.device) await resetSignInForEmail(email);
  const fields = raw as { callbackUrl?: unknown; redirectTo?: unknown };
  const redirectTo = safeCallbackPath(fields.callbackUrl ?? fields.redirectTo);
  const challenge = await withSystem('auth: sign-in success', async (tx) => {
    // A trusted client got in past the lock; the lock on untrusted clients stays.
    if (!client.device) await clearLockoutRow(tx, signedIn.id);
    return signedIn.totpEnabledAt ? createTwoFactorChallenge(tx, signedIn, 'password', redirectTo) : null;
  });
  // The password is proven, which is all the device cookie vouches for (the code step has its own limit).
  await setDeviceCookie(signedIn.id);
  if (challenge) {
    await setChallengeCookie(challenge);
    throw new TwoFactorRequired();
  }
  return { id: signedIn.id, email: signedIn.email, name: signedIn.name, image: signedIn.image, tokenVersion: signedIn.tokenVersion };
}
