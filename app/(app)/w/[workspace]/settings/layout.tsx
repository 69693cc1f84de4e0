import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { requireWorkspacePage } from '@/lib/actions/workspace-page';

// Each settings page renders its own PageHeader (label, title, tabs), so the title the browser
// shows is that page's heading.
export const metadata: Metadata = { title: { template: '%s · Workspace settings · Tessera', default: 'Workspace settings · Tessera' } };

export default async function SettingsLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  // A non-member gets the 404 here, whichever settings page they asked for.
  await requireWorkspacePage((await params).workspace);
  return children;
}
