import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AccountNav } from '@/components/account/account-nav';
import { AppShell } from '@/components/shell/app-shell';
import { withSystem } from '@/db/tenant';
import { getProfile } from '@/lib/auth/profile';
import { requireUser } from '@/lib/tenancy/session';
import { defaultWorkspaceSlug, listWorkspacesOfUser } from '@/lib/tenancy/workspaces';
import { signOutAction } from '../actions';
import { verifyEmailBannerFor } from '../verify-banner';

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const [{ workspaces, slug }, profile, banner] = await Promise.all([
    withSystem('auth: account shell', async (tx) => ({ workspaces: await listWorkspacesOfUser(tx, user.id), slug: await defaultWorkspaceSlug(tx, user.id) })),
    getProfile(user.id),
    verifyEmailBannerFor(user.id),
  ]);
  const current = workspaces.find((w) => w.slug === slug) ?? workspaces[0];
  // The shell is built around a workspace; someone without one belongs in onboarding first.
  if (!current) redirect('/onboarding');
  return (
    <AppShell
      // The session's copy of name and email can lag a change made here; the row is the truth.
      user={{ name: profile?.name ?? user.name, email: profile?.email ?? user.email }}
      workspaces={workspaces.map((w) => ({ slug: w.slug, name: w.name }))}
      current={{ slug: current.slug, name: current.name }}
      signOutAction={signOutAction}
      banner={banner}
    >
      <div className="mx-auto max-w-3xl space-y-6">
        <AccountNav />
        {children}
      </div>
    </AppShell>
  );
}
