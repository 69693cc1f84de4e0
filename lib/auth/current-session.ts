import { checkedAuth } from './checked-session';

/**
 * The id of the session this request belongs to (the JWT's `sid`), or null when signed out (throws when it could not be checked). A
 * request helper, kept apart from the session rows (sessions.ts), which the Auth.js config uses.
 */
export async function currentSessionId(): Promise<string | null> {
  const session = await checkedAuth();
  return session?.sessionId ?? null;
}
