import { CredentialsSignin } from 'next-auth';
import { withSystem } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit/record';
import { clientIp } from '@/lib/http/client-ip';
import { limitSignIn, resetSignInForEmail } from '@/lib/ratelimit/limits';
import { clearFailedPasswords, countFailedPassword, forgetFailedPasswords, isLockedOut, recordFailedPassword } from './lockout';
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
 * form action, so a direct POST to the Auth.js callback meets the same checks.
 */
async function authorizePasswordNow(raw: unknown, request: Request) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const ip = clientIp(request.headers);
  const userAgent = request.headers.get('user-agent');
  const user = await withSystem('auth: sign-in lookup', (tx) => findUserByEmail(tx, email));
  if (await isLockedOut(email, user)) {
    await burnPasswordCheck(password);
    throw new LockedOutSignIn();
  }
  const limit = await limitSignIn({ ip, email });
  if (!limit.success) throw new RateLimitedSignIn();
  const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  if (!ok) {
    const counted = await countFailedPassword(email, user);
    const locked = await withSystem('auth: sign-in failure', async (tx) => {
      const nowLocked = await recordFailedPassword(tx, user, counted);
      if (user) {
        const audit = { actorUserId: user.id, actorLabel: user.email, ip, userAgent };
        await recordAccountAudit(tx, user.id, { ...audit, action: 'auth.sign_in.failed', metadata: { method: 'password' } });
        if (nowLocked) await recordAccountAudit(tx, user.id, { ...audit, action: 'auth.lockout' });
      }
      return nowLocked;
    });
    if (locked) throw new LockedOutSignIn();
    return null;
  }

  await resetSignInForEmail(email);
  await forgetFailedPasswords(email);
  const fields = raw as { callbackUrl?: unknown; redirectTo?: unknown };
  const redirectTo = safeCallbackPath(fields.callbackUrl ?? fields.redirectTo);
  const challenge = await withSystem('auth: sign-in success', async (tx) => {
    await clearFailedPasswords(tx, user!.id);
    return user!.totpEnabledAt ? createTwoFactorChallenge(tx, user!, 'password', redirectTo) : null;
  });
  if (challenge) {
    await setChallengeCookie(challenge);
    throw new TwoFactorRequired();
  }
  return { id: user!.id, email: user!.email, name: user!.name, image: user!.image, tokenVersion: user!.tokenVersion };
}
