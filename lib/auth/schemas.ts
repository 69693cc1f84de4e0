import { z } from 'zod';
import { secret } from '@/lib/actions/secret';
import { safeCallbackPath } from './safe-redirect';

// The auth and account forms' fields. Passwords, codes and tokens are secret(): a form result
// never sends them back to the browser, not even to refill a field.

export const emailSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'Enter a valid email address.' }));

/** A hidden "where to after sign-in" field: anything but a same-site path becomes the default. */
export const callbackPathField = z.unknown().transform((value) => safeCallbackPath(value));

/** A password being checked (not chosen): present, and not absurdly long. */
export const currentPasswordSchema = (message: string) => secret(z.string({ error: message }).min(1, { error: message }).max(1024));

export const signInSchema = z.object({
  email: emailSchema,
  password: currentPasswordSchema('Enter your password.'),
});

export type SignInInput = z.infer<typeof signInSchema>;

export const signInFormSchema = signInSchema.extend({ callbackUrl: callbackPathField });

export const magicLinkSchema = z.object({ email: emailSchema, callbackUrl: callbackPathField });

/** The second sign-in step: a 6-digit code or a recovery code. */
export const signInCodeSchema = z.object({
  code: secret(
    z
      .string({ error: 'Enter the code from your authenticator app.' })
      .trim()
      .min(6, { error: 'Enter the 6-digit code, or a recovery code.' })
      .max(32, { error: 'That code is too long.' }),
  ),
});

/** A code on the security page (enrolment, new recovery codes, turning 2FA off). */
export const accountCodeSchema = secret(
  z
    .string({ error: 'Enter the 6-digit code from your authenticator app.' })
    .trim()
    .min(6, { error: 'Enter the 6-digit code from your authenticator app.' })
    .max(32, { error: 'That code is too long.' }),
);
