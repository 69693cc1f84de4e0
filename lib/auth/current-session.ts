import { auth } from './index';

/**
 * The id of the session this request belongs to (the JWT's `sid`), or null when signed out. A
 * request helper, kept apart from the session rows (sessions.ts), which the Auth.js config uses.
 */
export async function currentSessionId(): Promise<string | null> {
  const session = await auth();
  return session?.sessionId ?? null;
}
