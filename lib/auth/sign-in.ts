import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { isDatabaseUnavailable } from '@/db/tenant';
import { AppError } from '@/lib/errors/app-error';
import { signIn } from './index';
import { TWO_FACTOR_PATH } from './paths';
import type { SignInInput } from './schemas';

const REFUSALS: Record<string, AppError> = {
  rate_limited: new AppError('rate_limited', 'Too many sign-in attempts. Please wait a minute and try again.'),
  locked: new AppError('forbidden', 'Too many failed attempts. For your security, sign-in is paused for 15 minutes — or reset your password.'),
};
// One message for unknown email and wrong password: the form never reveals who has an account.
const WRONG = 'That email and password don’t match. Check them and try again.';

/**
 * The password form's sign-in: Auth.js's credentials provider (lib/auth/password-sign-in.ts) does
 * the checks, and its refusals become the form's message. Redirects on success, or to the code
 * step when the account has 2FA on.
 */
export async function signInWithPassword(input: SignInInput & { callbackUrl: string }): Promise<null> {
  try {
    await signIn('credentials', { email: input.email, password: input.password, callbackUrl: input.callbackUrl, redirectTo: input.callbackUrl });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    // Auth.js keeps the real error in `cause.err`: an outage is not a wrong password.
    const cause = (error.cause as { err?: unknown } | undefined)?.err;
    if (isDatabaseUnavailable(cause)) throw cause;
    const code = (error as AuthError & { code?: string }).code ?? '';
    if (code === 'two_factor_required') redirect(TWO_FACTOR_PATH);
    throw REFUSALS[code] ?? new AppError('unauthorized', WRONG);
  }
  return null;
}
