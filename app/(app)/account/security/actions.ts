'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { userAction } from '@/lib/actions/user-action';
import {
  cancelTwoFactorSetup,
  changeOwnPassword,
  confirmTwoFactorSetup,
  disableTwoFactorInput,
  disconnectProvider,
  newRecoveryCodes,
  passwordChangeInput,
  revokeOtherSessionsOf,
  revokeSessionOf,
  startTwoFactorSetup,
  turnOffTwoFactor,
  twoFactorCodeInput,
} from '@/lib/auth/account-security';
import { currentSessionId } from '@/lib/auth/current-session';
import { connectOAuthProvider } from '@/lib/auth/oauth-connect';
import { oauthProviderSchema } from '@/lib/auth/oauth-sign-in';

const PAGE = '/account/security';
// Actions with nothing to report still return a value, so forms can tell success from "not yet".
const DONE = { done: true } as const;
const nothing = z.object({});

export const startTwoFactorAction = userAction({ input: nothing }, async ({ user }) => {
  await startTwoFactorSetup(user.id);
  revalidatePath(PAGE);
  return DONE;
});

export const cancelTwoFactorAction = userAction({ input: nothing }, async ({ user }) => {
  await cancelTwoFactorSetup(user.id);
  revalidatePath(PAGE);
  return DONE;
});

// No revalidation: the codes live only in this action's result, and the form shows them until the
// person says they've saved them (then the page refreshes).
export const confirmTwoFactorAction = userAction({ input: twoFactorCodeInput }, async ({ input, user, meta }) => ({
  recoveryCodes: await confirmTwoFactorSetup(user.id, input.code, meta),
}));

export const regenerateRecoveryCodesAction = userAction({ input: twoFactorCodeInput }, async ({ input, user }) => ({
  recoveryCodes: await newRecoveryCodes(user.id, input.code),
}));

export const disableTwoFactorAction = userAction({ input: disableTwoFactorInput }, async ({ input, user, meta }) => {
  await turnOffTwoFactor(user.id, input, meta);
  revalidatePath(PAGE);
  return DONE;
});

export const changePasswordAction = userAction({ input: passwordChangeInput }, async ({ input, user, meta }) => {
  const revokedSessions = await changeOwnPassword(
    user.id,
    { currentPassword: input.currentPassword, newPassword: input.newPassword },
    { ...meta, currentSessionId: await currentSessionId() },
  );
  revalidatePath(PAGE);
  return { revokedSessions };
});

export const revokeSessionAction = userAction({ input: z.object({ sessionId: z.uuid() }) }, async ({ input, user, meta }) => {
  await revokeSessionOf(user.id, input.sessionId, await currentSessionId(), meta);
  revalidatePath(PAGE);
  return DONE;
});

export const revokeOtherSessionsAction = userAction({ input: nothing }, async ({ user, meta }) => {
  const revoked = await revokeOtherSessionsOf(user.id, await currentSessionId(), meta);
  revalidatePath(PAGE);
  return { revoked };
});

// On success the provider's page opens (a redirect); only a refusal comes back to the form.
export const connectProviderAction = userAction({ input: oauthProviderSchema }, async ({ input, user }) => connectOAuthProvider(user.id, input.provider));

export const disconnectProviderAction = userAction({ input: oauthProviderSchema }, async ({ input, user, meta }) => {
  await disconnectProvider(user.id, input.provider, meta);
  revalidatePath(PAGE);
  return DONE;
});
