import type { Metadata } from 'next';
import { ACCOUNT_LABEL, AccountTabs } from '@/components/account/account-tabs';
import { PasswordForm } from '@/components/account/password-form';
import { SessionsList } from '@/components/account/sessions/sessions-list';
import { SignInMethodsCard } from '@/components/account/sign-in-methods/sign-in-methods-card';
import { RevokeOtherSessionsForm } from '@/components/account/sessions/revoke-others-form';
import { TwoFactorRequiredNotice } from '@/components/account/two-factor/required-notice';
import { TwoFactorCard } from '@/components/account/two-factor/two-factor-card';
import { SecurityEventsList } from '@/components/audit/security-events-list';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { LogOutIcon } from '@/components/ui/icons';
import { PageHeader } from '@/components/ui/page-header';
import { formatInZone, safeTimeZone } from '@/lib/time';
import { PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';
import { providerRows } from '@/lib/auth/oauth-providers';
import { securityOverviewOf } from '@/lib/auth/account-security';
import { currentSessionId } from '@/lib/auth/current-session';
import { groupSecret, qrCodeDataUrl } from '@/lib/auth/two-factor/qr-code';
import { requireUser } from '@/lib/tenancy/session';
import { twoFactorRequirementNotice } from '@/lib/tenancy/two-factor-notice';
import { signOutAction } from '../../actions';
import {
  cancelTwoFactorAction,
  changePasswordAction,
  confirmTwoFactorAction,
  connectProviderAction,
  disableTwoFactorAction,
  disconnectProviderAction,
  regenerateRecoveryCodesAction,
  revokeOtherSessionsAction,
  revokeSessionAction,
  startTwoFactorAction,
} from './actions';

export const metadata: Metadata = { title: 'Security' };

// `required`: the slug of a workspace that sent the user here to turn on two-factor.
type SearchParams = Promise<{ connect?: string | string[]; provider?: string | string[]; required?: string | string[] }>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SecurityPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = await requireUser();
  const sessionId = await currentSessionId();
  const overview = await securityOverviewOf(user.id, sessionId);
  const timeZone = safeTimeZone(overview.timezone);
  const setup = overview.pendingSetup
    ? { qrDataUrl: await qrCodeDataUrl(overview.pendingSetup.uri), groupedSecret: groupSecret(overview.pendingSetup.secret) }
    : null;
  const enabledOn =
    overview.twoFactor.state === 'on' ? formatInZone(overview.twoFactor.enabledAt, timeZone, 'date') : null;
  const others = overview.sessions.filter((s) => !s.isCurrent).length;
  const providers = providerRows(overview.linkedProviders);
  // Parsed and checked against the user's memberships in lib: a slug they aren't in shows nothing.
  const required = await twoFactorRequirementNotice(user.id, first(params.required));

  return (
    <div className="space-y-8">
      <PageHeader label={ACCOUNT_LABEL} title="Security" description="Your password, two-factor authentication, signed-in devices and recent account activity." tabs={<AccountTabs />} />

      {required ? <TwoFactorRequiredNotice notice={required} twoFactorOn={overview.twoFactor.state === 'on'} /> : null}

      <Card id="password">
        <CardHeader>
          <CardTitle as="h2">Password</CardTitle>
          <CardDescription>Changing it signs out every other device. We’ll email you to confirm.</CardDescription>
        </CardHeader>
        <CardContent>
          {overview.hasPassword ? (
            <PasswordForm action={changePasswordAction} minLength={PASSWORD_MIN_LENGTH} />
          ) : (
            <p className="text-sm text-muted">Your account signs in without a password. Use “Forgot password” on the sign-in page to set one.</p>
          )}
        </CardContent>
      </Card>

      <TwoFactorCard
        status={overview.twoFactor}
        setup={setup}
        enabledOn={enabledOn}
        actions={{
          start: startTwoFactorAction,
          cancel: cancelTwoFactorAction,
          confirm: confirmTwoFactorAction,
          regenerate: regenerateRecoveryCodesAction,
          disable: disableTwoFactorAction,
        }}
      />

      {providers.length > 0 ? (
        <SignInMethodsCard
          providers={providers}
          linked={overview.linkedProviders}
          email={overview.email}
          emailVerified={overview.emailVerified}
          outcome={{ connect: first(params.connect), provider: first(params.provider) }}
          actions={{ connect: connectProviderAction, disconnect: disconnectProviderAction }}
        />
      ) : null}

      <Card id="sessions">
        <CardHeader>
          <CardTitle as="h2">Signed-in devices</CardTitle>
          <CardDescription>Revoke a device you don’t recognise; it is signed out on its next request.</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <SessionsList
            sessions={overview.sessions}
            timeZone={timeZone}
            revokeAction={revokeSessionAction}
            signOut={
              <form action={signOutAction}>
                <Button type="submit" variant="ghost" size="sm">
                  <LogOutIcon className="size-4" />
                  Sign out
                </Button>
              </form>
            }
          />
          <RevokeOtherSessionsForm action={revokeOtherSessionsAction} otherSessions={others} />
        </CardContent>
      </Card>

      <Card id="activity">
        <CardHeader>
          <CardTitle as="h2">Recent security activity</CardTitle>
          <CardDescription>Sign-ins and changes to your account’s security, newest first.</CardDescription>
        </CardHeader>
        <CardContent>
          <SecurityEventsList events={overview.events} timeZone={timeZone} />
        </CardContent>
      </Card>
    </div>
  );
}
