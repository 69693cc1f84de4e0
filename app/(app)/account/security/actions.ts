'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withSystem } from '@/db/tenant';
import { revokeOtherSession, revokeOtherSessions } from '@/lib/auth/account-sessions';
import { connectOAuthProvider } from '@/lib/auth/oauth-connect';
import { unlinkOAuthIdentity } from '@/lib/auth/oauth-link';
import { OAUTH_PROVIDERS } from '@/lib/auth/oauth-providers';
import { changePasswordAndNotify } from '@/lib/auth/password-change';
import { currentSessionId } from '@/lib/auth/sessions';
import {
  cancelTwoFactorEnrolment,
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  startTwoFactorEnrolment,
} from '@/lib/auth/two-factor/enrolment';
import type { FormFailure } from '@/lib/auth/two-factor/request-context';
import { AppError } from '@/lib/errors/app-error';
import { userAction } from '@/lib/tenancy/user-action';

const PAGE = '/account/security';
// Actions with nothing to report still return a value, so forms can tell success from "not yet".
const DONE = { done: true } as const;

const code = z
  .string({ error: 'Enter the 6-digit code from your authenticator app.' })
  .trim()
  .min(6, { error: 'Enter the 6-digit code from your authenticator app.' })
  .max(32, { error: 'That code is too long.' });
const password = (message: string) => z.string({ error: message }).min(1, { error: message }).max(1024);

/** A lib failure becomes the form's message, under its field when it names one. */
function fail(failure: FormFailure<string>): never {
  throw new AppError('validation_failed', failure.message, failure.field ? { field: failure.field } : undefined);
}

export const startTwoFactorAction = userAction({ input: z.object({}) }, async ({ user }) => {
  const result = await withSystem('auth: 2fa enrolment start', (tx) => startTwoFactorEnrolment(tx, user.id));
  if (!result.ok) fail(result);
  revalidatePath(PAGE);
  return DONE;
});

export const cancelTwoFactorAction = userAction({ input: z.object({}) }, async ({ user }) => {
  await withSystem('auth: 2fa enrolment cancel', (tx) => cancelTwoFactorEnrolment(tx, user.id));
  revalidatePath(PAGE);
  return DONE;
});

// No revalidation: the codes live only in this action's result, and the form shows them until the
// person says they've saved them (then the page refreshes).
export const confirmTwoFactorAction = userAction({ input: z.object({ code }) }, async ({ input, user, meta }) => {
  const result = await withSystem('auth: 2fa enrolment confirm', (tx) => confirmTwoFactorEnrolment(tx, user.id, input.code, meta));
  if (!result.ok) fail(result);
  return { recoveryCodes: result.recoveryCodes };
});

export const regenerateRecoveryCodesAction = userAction({ input: z.object({ code }) }, async ({ input, user }) => {
  const result = await withSystem('auth: 2fa recovery codes', (tx) => regenerateRecoveryCodes(tx, user.id, input.code));
  if (!result.ok) fail(result);
  return { recoveryCodes: result.recoveryCodes };
});

export const disableTwoFactorAction = userAction(
  { input: z.object({ password: password('Enter your password.'), code }) },
  async ({ input, user, meta }) => {
    const result = await withSystem('auth: 2fa disable', (tx) => disableTwoFactor(tx, user.id, input, meta));
    if (!result.ok) fail(result);
    revalidatePath(PAGE);
    return DONE;
  },
);

const passwordChange = z
  .object({
    currentPassword: password('Enter your current password.'),
    newPassword: password('Choose a new password.'),
    confirmPassword: z.string().max(1024),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], error: 'The two new passwords don’t match.' });

export const changePasswordAction = userAction({ input: passwordChange }, async ({ input, user, meta }) => {
  const result = await changePasswordAndNotify(
    user.id,
    { currentPassword: input.currentPassword, newPassword: input.newPassword },
    { ...meta, currentSessionId: await currentSessionId() },
  );
  if (!result.ok) fail(result);
  revalidatePath(PAGE);
  return { revokedSessions: result.revokedSessions };
});

export const revokeSessionAction = userAction({ input: z.object({ sessionId: z.uuid() }) }, async ({ input, user, meta }) => {
  const current = await currentSessionId();
  const result = await withSystem('auth: session revoke', (tx) => revokeOtherSession(tx, user.id, input.sessionId, current, meta));
  if (!result.ok) fail(result);
  revalidatePath(PAGE);
  return DONE;
});

export const revokeOtherSessionsAction = userAction({ input: z.object({}) }, async ({ user, meta }) => {
  const current = await currentSessionId();
  const result = await withSystem('auth: sessions revoke others', (tx) => revokeOtherSessions(tx, user.id, current, meta));
  if (!result.ok) fail(result);
  revalidatePath(PAGE);
  return { revoked: result.revoked };
});

const providerInput = z.object({ provider: z.enum(OAUTH_PROVIDERS, { error: 'Choose Google or GitHub.' }) });

// On success the provider's page opens (a redirect); only a refusal comes back to the form.
export const connectProviderAction = userAction({ input: providerInput }, async ({ input, user }) => {
  fail(await connectOAuthProvider(user.id, input.provider));
});

export const disconnectProviderAction = userAction({ input: providerInput }, async ({ input, user, meta }) => {
  const result = await withSystem('auth: oauth unlink', (tx) => unlinkOAuthIdentity(tx, user.id, input.provider, meta));
  if (!result.ok) fail(result);
  revalidatePath(PAGE);
  return DONE;
});
