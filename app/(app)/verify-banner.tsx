import type { ReactNode } from 'react';
import { VerifyEmailBanner } from '@/components/account/verify-email-banner';
import { getProfile } from '@/lib/auth/profile';
import { currentUser } from '@/lib/tenancy/session';
import { resendVerificationAction } from './account/actions';

/**
 * AppShell's `banner` for a signed-in user: the verify-email banner while their address is
 * unconfirmed, else null (AppShell draws no banner strip for null). Usage in a layout:
 * `banner={await verifyEmailBannerFor(user.id)}`.
 */
export async function verifyEmailBannerFor(userId: string): Promise<ReactNode | null> {
  // The request's session check read the flag with the user row: no second query per page.
  const viewer = await currentUser();
  const known = viewer?.id === userId && viewer.emailVerified !== undefined ? { email: viewer.email, verified: viewer.emailVerified } : null;
  const state = known ?? (await getProfile(userId).then((p) => (p ? { email: p.email, verified: p.emailVerified !== null } : null)));
  if (!state || state.verified) return null;
  return <VerifyEmailBanner email={state.email} action={resendVerificationAction} />;
}
