import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { accountShellOf } from '@/lib/auth/account-shell';
import { requireUser } from '@/lib/tenancy/session';
import { signOutAction } from '../actions';
import { verifyEmailBannerFor } from '../verify-banner';

// Each account page renders its own PageHeader (label, title, tabs), as workspace settings do.
export const metadata: Metadata = { title: { template: '%s · Account · Tessera', default: 'Account · Tessera' } };

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const [{ profile, workspaces, current }, banner] = await Promise.all([accountShellOf(user.id), verifyEmailBannerFor(user.id)]);
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
      {children}
    </AppShell>
  );
}
