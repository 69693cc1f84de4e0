import { AuthError } from 'next-auth';
import { AppError } from '@/lib/errors/app-error';
import { signIn } from '../index';
import { currentChallenge, hasPendingChallenge } from './challenge-cookie';

const EXPIRED = 'This sign-in has expired. Start again from the sign-in page.';
const WRONG_CODE = 'That code didn’t work. Check your authenticator app and try again.';
const SPENT = 'Too many wrong codes, or the sign-in expired. Start again from the sign-in page.';

/** The second sign-in step's form: the code goes to Auth.js's `two-factor` provider. Redirects on success. */
export async function completeTwoFactorSignIn(input: { code: string }): Promise<null> {
  const challenge = await currentChallenge();
  if (!challenge) throw new AppError('unauthorized', EXPIRED);
  try {
    await signIn('two-factor', { code: input.code, redirectTo: challenge.redirectTo });
    return null;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    // A wrong code leaves the challenge open (until the fifth); otherwise it is spent or expired.
    if (await hasPendingChallenge()) throw new AppError('validation_failed', WRONG_CODE, { field: 'code' });
    throw new AppError('unauthorized', SPENT);
  }
}
