import { Suspense, type ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { DeletionBanner } from '@/components/workspace/deletion-banner';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';
import { signOutAction } from '../../actions';
import { verifyEmailBannerFor } from '../../verify-banner';
import { WorkspacePlanBanner } from './plan-banner';

// Writes nothing: the last workspace opened is remembered by middleware in a cookie.
export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const page = await requireWorkspacePage((await params).workspace);
  const { user, workspace, workspaces } = page;
  return (
    <AppShell
      user={{ name: user.name, email: user.email }}
      workspaces={workspaces.map((w) => ({ slug: w.slug, name: w.name }))}
      current={{ slug: workspace.slug, name: workspace.name }}
      signOutAction={signOutAction}
      banner={
        <>
          {await verifyEmailBannerFor(user.id)}
          {workspace.deletionScheduledFor ? (
            <DeletionBanner
              scheduledFor={workspace.deletionScheduledFor}
              timeZone={workspace.timezone}
              settingsHref={`/w/${encodeURIComponent(workspace.slug)}/settings`}
              canCancel={page.can('workspace.delete')}
            />
          ) : null}
          <Suspense fallback={null}>
            <WorkspacePlanBanner page={page} />
          </Suspense>
        </>
      }
    >
      {children}
    </AppShell>
  );
}
