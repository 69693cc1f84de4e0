import { AuthError } from 'next-auth';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signIn } from './index';
import { safeCallbackPath } from './safe-redirect';
import { signInSchema } from './schemas';

export type SignInState = {
  message?: string;
  fieldErrors?: { email?: string[]; password?: string[] };
  email?: string;
} | null;

const MESSAGES: Record<string, string> = {
  rate_limited: 'Too many sign-in attempts. Please wait a minute and try again.',
  locked: 'Too many failed attempts. For your security, sign-in is paused for 15 minutes — or reset your password.',
};
// One message for unknown email and wrong password: the form never reveals who has an account.
const WRONG = 'That email and password don’t match. Check them and try again.';

export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const email = typeof formData.get('email') === 'string' ? String(formData.get('email')) : '';
  const parsed = signInSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, email };
  const target = safeCallbackPath(formData.get('callbackUrl'));
  try {
    await signIn('credentials', { email: parsed.data.email, password: parsed.data.password, callbackUrl: target, redirectTo: target });
    return null;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    const code = (error as AuthError & { code?: string }).code ?? '';
    if (code === 'two_factor_required') redirect('/sign-in/two-factor');
    return { message: MESSAGES[code] ?? WRONG, email };
  }
}
