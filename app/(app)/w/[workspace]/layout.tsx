import type { ReactNode } from 'react';
import { withSystem } from '@/db/tenant';
import { AppShell } from '@/components/shell/app-shell';
import { requireWorkspace } from '@/lib/tenancy/require-workspace';
import { listWorkspacesOfUser, rememberLastWorkspace } from '@/lib/tenancy/workspaces';
import { signOutAction } from '../../actions';
import { verifyEmailBannerFor } from '../../verify-banner';

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { user, workspace } = await requireWorkspace(slug);
  const workspaces = await withSystem('tenancy: workspace switcher', async (tx) => {
    await rememberLastWorkspace(tx, user.id, workspace.id);
    return listWorkspacesOfUser(tx, user.id);
  });
  return (
    <AppShell
      user={{ name: user.name, email: user.email }}
      workspaces={workspaces.map((w) => ({ slug: w.slug, name: w.name }))}
      current={{ slug: workspace.slug, name: workspace.name }}
      signOutAction={signOutAction}
      banner={await verifyEmailBannerFor(user.id)}
    >
      {children}
    </AppShell>
  );
}
