import { cache } from 'react';
import { headers } from 'next/headers';
import { forwardedSession, sessionFromRequestHeaders, type RequestSession } from './request-session';

/**
 * This request's session: the one middleware checked (protected paths), else read from the
 * cookie here. Checked once per request however many components ask (React `cache`). A request
 * helper, kept apart from the session rows (sessions.ts), which the Auth.js config uses.
 */
export const currentRequestSession = cache(async (): Promise<RequestSession | null> => {
  const incoming = await headers();
  const forwarded = forwardedSession(incoming);
  if (forwarded !== undefined) return forwarded;
  return sessionFromRequestHeaders(incoming);
});

/** The id of the session this request belongs to (the JWT's `sid`), or null when signed out. */
export async function currentSessionId(): Promise<string | null> {
  return (await currentRequestSession())?.sessionId ?? null;
}
