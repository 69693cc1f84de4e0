import type { Metadata } from 'next';
import { ACCOUNT_LABEL, AccountTabs } from '@/components/account/account-tabs';
import { EmailChangeForm } from '@/components/account/email-change-form';
import { ResendVerificationButton } from '@/components/account/resend-verification-button';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getProfile } from '@/lib/auth/profile';
import { requireUser } from '@/lib/tenancy/session';
import { resendVerificationAction } from '../actions';
import { requestEmailChangeAction } from './actions';

export const metadata: Metadata = { title: 'Email address' };

export default async function EmailPage() {
  const user = await requireUser();
  const profile = await getProfile(user.id);
  if (!profile) return null;
  return (
    <div className="space-y-8">
      <PageHeader label={ACCOUNT_LABEL} title="Email address" description="Where sign-in links, security notices and invitations reach you." tabs={<AccountTabs />} />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Current address</CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium break-all">{profile.email}</span>
            {profile.emailVerified ? <Badge tone="success">Confirmed</Badge> : <Badge tone="warning">Not confirmed</Badge>}
          </p>
          {profile.emailVerified ? null : <ResendVerificationButton action={resendVerificationAction} size="sm" />}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Change address</CardTitle>
          <CardDescription>
            We’ll send a link to the new address; the change happens when you open it. Your old address gets a notice, and your other devices
            are signed out.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {profile.hasPassword ? (
            <EmailChangeForm action={requestEmailChangeAction} />
          ) : (
            <p className="text-sm text-muted">
              Changing your address needs your password, and your account doesn’t have one yet. Use “Forgot password” on the sign-in page to set
              one, then come back.
            </p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
