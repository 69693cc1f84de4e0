import type { Metadata } from 'next';
import { ACCOUNT_LABEL, AccountTabs } from '@/components/account/account-tabs';
import { DeleteAccountCard } from '@/components/account/delete-account-card';
import { ProfileForm } from '@/components/account/profile-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { getProfile } from '@/lib/auth/profile';
import { requireUser } from '@/lib/tenancy/session';
import { currencies, timeZones } from '@/lib/tenancy/workspace-fields';
import { updateProfileAction } from './actions';

export const metadata: Metadata = { title: 'Profile' };

export default async function ProfilePage() {
  const user = await requireUser();
  const profile = await getProfile(user.id);
  if (!profile) return null;
  return (
    <div className="space-y-8">
      <PageHeader label={ACCOUNT_LABEL} title="Profile" description="How you appear to your teammates, and the time zone and currency Tessera uses for you." tabs={<AccountTabs />} />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Your details</CardTitle>
          <CardDescription>Signed in as {profile.email}.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-6 sm:flex-row">
          {profile.image ? (
            // An arbitrary https host: next/image would need every host allow-listed.
            // eslint-disable-next-line @next/next/no-img-element
            <img src={profile.image} alt="" width={64} height={64} className="size-16 shrink-0 rounded-full border border-border object-cover" referrerPolicy="no-referrer" />
          ) : null}
          <div className="min-w-0 flex-1">
            <ProfileForm
              action={updateProfileAction}
              initial={{ name: profile.name ?? '', image: profile.image ?? '', timezone: profile.timezone, currency: profile.currency }}
              timeZones={timeZones()}
              currencies={currencies()}
            />
          </div>
        </CardContent>
      </Card>
      <DeleteAccountCard />
    </div>
  );
}
