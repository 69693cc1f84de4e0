import { cache } from 'react';
import { redirect } from 'next/navigation';
import { SIGN_IN_PATH } from '@/lib/auth';
import { checkedAuth } from '@/lib/auth/checked-session';

export type SessionUser = { id: string; email: string; name: string | null };

/**
 * The signed-in user, or null. Deduplicated per request. Throws DatabaseUnavailableError when
 * the session could not be checked, so a database outage is never mistaken for "signed out".
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await checkedAuth();
  if (!session?.user?.id) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name ?? null };
});

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(SIGN_IN_PATH);
  return user;
}
