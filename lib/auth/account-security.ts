import { z } from 'zod';
import { withSystem } from '@/db/tenant';
import { secret } from '@/lib/actions/secret';
import { orThrowFormFailure } from '@/lib/errors/form-failure';
import type { RequestMeta } from '@/lib/tenancy/request-meta';
import { revokeOtherSession, revokeOtherSessions } from './account-sessions';
import { unlinkOAuthIdentity } from './oauth-link';
import type { OAuthProviderId } from './oauth-providers';
import { changePasswordAndNotify } from './password-change';
import { accountCodeSchema, currentPasswordSchema } from './schemas';
import { loadSecurityOverview, type SecurityOverview } from './security-overview';
import {
  cancelTwoFactorEnrolment,
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  startTwoFactorEnrolment,
} from './two-factor/enrolment';

// Account → Security's reads and commands, each in the one transaction it opens (pages and
// actions under app/ never open one). A refusal is thrown as AppError, which the action wrapper
// turns into the form's message, under the field it names.

export const twoFactorCodeInput = z.object({ code: accountCodeSchema });
export const disableTwoFactorInput = z.object({ password: currentPasswordSchema('Enter your password.'), code: accountCodeSchema });
export const passwordChangeInput = z
  .object({
    currentPassword: currentPasswordSchema('Enter your current password.'),
    newPassword: currentPasswordSchema('Choose a new password.'),
    confirmPassword: secret(z.string().max(1024)),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], error: 'The two new passwords don’t match.' });


export function securityOverviewOf(userId: string, currentSessionId: string | null): Promise<SecurityOverview> {
  return withSystem('auth: account security page', (tx) => loadSecurityOverview(tx, userId, currentSessionId));
}

export async function startTwoFactorSetup(userId: string): Promise<void> {
  orThrowFormFailure(await withSystem('auth: 2fa enrolment start', (tx) => startTwoFactorEnrolment(tx, userId)));
}

export async function cancelTwoFactorSetup(userId: string): Promise<void> {
  await withSystem('auth: 2fa enrolment cancel', (tx) => cancelTwoFactorEnrolment(tx, userId));
}

export async function confirmTwoFactorSetup(userId: string, code: string, meta: RequestMeta): Promise<string[]> {
  return orThrowFormFailure(await withSystem('auth: 2fa enrolment confirm', (tx) => confirmTwoFactorEnrolment(tx, userId, code, meta))).recoveryCodes;
}

export async function newRecoveryCodes(userId: string, code: string): Promise<string[]> {
  return orThrowFormFailure(await withSystem('auth: 2fa recovery codes', (tx) => regenerateRecoveryCodes(tx, userId, code))).recoveryCodes;
}

export async function turnOffTwoFactor(userId: string, input: { password: string; code: string }, meta: RequestMeta): Promise<void> {
  orThrowFormFailure(await withSystem('auth: 2fa disable', (tx) => disableTwoFactor(tx, userId, input, meta)));
}

/** The new password, then the notice email after commit; returns how many other sessions ended. */
export async function changeOwnPassword(
  userId: string,
  input: { currentPassword: string; newPassword: string },
  context: RequestMeta & { currentSessionId: string | null },
): Promise<number> {
  return orThrowFormFailure(await changePasswordAndNotify(userId, input, context)).revokedSessions;
}

export async function revokeSessionOf(userId: string, sessionId: string, currentSessionId: string | null, meta: RequestMeta): Promise<void> {
  orThrowFormFailure(await withSystem('auth: session revoke', (tx) => revokeOtherSession(tx, userId, sessionId, currentSessionId, meta)));
}

export async function revokeOtherSessionsOf(userId: string, currentSessionId: string | null, meta: RequestMeta): Promise<number> {
  return orThrowFormFailure(await withSystem('auth: sessions revoke others', (tx) => revokeOtherSessions(tx, userId, currentSessionId, meta))).revoked;
}

export async function disconnectProvider(userId: string, provider: OAuthProviderId, meta: RequestMeta): Promise<void> {
  orThrowFormFailure(await withSystem('auth: oauth unlink', (tx) => unlinkOAuthIdentity(tx, userId, provider, meta)));
}
