import { redirect } from 'next/navigation';
import { withSystem } from '@/db/tenant';
import { requireUser } from '@/lib/tenancy/session';
import { defaultWorkspaceSlug } from '@/lib/tenancy/workspaces';

export default async function WorkspacesIndex() {
  const user = await requireUser();
  const slug = await withSystem('tenancy: pick default workspace', (tx) => defaultWorkspaceSlug(tx, user.id));
  redirect(slug ? `/w/${encodeURIComponent(slug)}` : '/onboarding');
}
