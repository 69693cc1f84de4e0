import { cache } from 'react';
import { redirect } from 'next/navigation';
import { currentRequestSession } from '@/lib/auth/current-session';
import { SIGN_IN_PATH } from '@/lib/auth/paths';

export type SessionUser = { id: string; email: string; name: string | null; emailVerified?: boolean };

/** The signed-in user, or null. Deduplicated per request. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await currentRequestSession();
  return session ? { ...session.user } : null;
});

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(SIGN_IN_PATH);
  return user;
}
