import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { LAST_WORKSPACE_COOKIE, lastWorkspaceSlug } from '@/lib/tenancy/last-workspace';
import { requireUser } from '@/lib/tenancy/session';
import { defaultWorkspaceFor } from '@/lib/tenancy/signed-in';

export default async function WorkspacesIndex() {
  const user = await requireUser();
  const last = lastWorkspaceSlug((await cookies()).get(LAST_WORKSPACE_COOKIE)?.value);
  const slug = await defaultWorkspaceFor(user, last);
  redirect(slug ? `/w/${encodeURIComponent(slug)}` : '/onboarding');
}
