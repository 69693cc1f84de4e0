import type { ReactNode } from 'react';
import { VerifyEmailBanner } from '@/components/account/verify-email-banner';
import { getProfile } from '@/lib/auth/profile';
import { resendVerificationAction } from './account/actions';

/**
 * AppShell's `banner` for a signed-in user: the verify-email banner while their address is
 * unconfirmed, else null (AppShell draws no banner strip for null). Usage in a layout:
 * `banner={await verifyEmailBannerFor(user.id)}`.
 */
export async function verifyEmailBannerFor(userId: string): Promise<ReactNode | null> {
  const profile = await getProfile(userId);
  if (!profile || profile.emailVerified) return null;
  return <VerifyEmailBanner email={profile.email} action={resendVerificationAction} />;
}
