import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn } from './index';
import { safeCallbackPath } from './safe-redirect';
import { signInSchema } from './schemas';

export type SignInState = {
  message?: string;
  fieldErrors?: { email?: string[]; password?: string[] };
  email?: string;
} | null;

export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const parsed = signInSchema.safeParse({ email: formData.get('email'), password: formData.get('password') });
  const email = typeof formData.get('email') === 'string' ? String(formData.get('email')) : '';
  if (!parsed.success) {
    return { fieldErrors: z.flattenError(parsed.error).fieldErrors, email };
  }
  try {
    await signIn('credentials', {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(formData.get('callbackUrl')),
    });
    return null;
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      // One message for unknown email and wrong password: the form never reveals who has an account.
      return {
        message:
          code === 'rate_limited'
            ? 'Too many sign-in attempts. Please wait a minute and try again.'
            : 'That email and password don’t match. Check them and try again.',
        email,
      };
    }
    throw error;
  }
}
