import { cookies } from 'next/headers';
import { safeCallbackPath } from './safe-redirect';

// Auth.js keeps where a sign-in started from in this cookie (prefixed behind HTTPS).
const CALLBACK_COOKIES = ['__Secure-authjs.callback-url', 'authjs.callback-url'];

/**
 * Where the sign-in in progress should land, for flows that stop for a second factor before
 * Auth.js redirects. Only the path and query are kept, so a foreign origin can't be smuggled in.
 */
export async function pendingCallbackPath(fallback = '/w'): Promise<string> {
  const jar = await cookies();
  const raw = CALLBACK_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!raw) return fallback;
  try {
    const url = new URL(raw, 'http://placeholder.invalid');
    return safeCallbackPath(`${url.pathname}${url.search}`, fallback);
  } catch {
    return fallback;
  }
}
