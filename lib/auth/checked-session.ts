import { AsyncLocalStorage } from 'node:async_hooks';
import type { Session } from 'next-auth';
import { DatabaseUnavailableError } from '@/db/tenant';
import { serviceUnavailableResponse } from '@/lib/http/service-unavailable';
import { REQUEST_ID_HEADER } from '@/lib/observability/request-id';
import { auth } from './index';

type Scope = { unavailable: boolean };
const scope = new AsyncLocalStorage<Scope>();

/**
 * Called from the Auth.js config when a session check or a sign-in could not reach the database.
 * Auth.js swallows errors from its callbacks and answers "no session" (or "wrong credentials"),
 * which would send a signed-in person to sign-in (and make /api/auth/session clear their cookie)
 * whenever the database is away.
 */
export function noteSessionCheckUnavailable(): void {
  const current = scope.getStore();
  if (current) current.unavailable = true;
}

/** Runs `fn` (something that calls into Auth.js) and says whether a session check hit an outage on the way. */
export async function watchSessionCheck<T>(fn: () => Promise<T>): Promise<{ result: T; unavailable: boolean }> {
  const current: Scope = { unavailable: false };
  const result = await scope.run(current, fn);
  return { result, unavailable: current.unavailable };
}

/**
 * The session, distinguishing "no session" (null) from "could not check" (throws
 * DatabaseUnavailableError, which the entry points answer with 503).
 */
export async function checkedAuth(): Promise<Session | null> {
  const { result, unavailable } = await watchSessionCheck(() => auth());
  if (unavailable) throw new DatabaseUnavailableError('The session could not be checked: the database is unavailable');
  return result;
}

/**
 * For the Auth.js route handlers: when a session check inside hit an outage, the answer Auth.js
 * built says "signed out" and clears the session cookie; a 503 is sent instead, cookie untouched.
 */
export function withSessionOutageAs503<R extends Request, A extends unknown[]>(handler: (request: R, ...rest: A) => Promise<Response>) {
  return async (request: R, ...rest: A): Promise<Response> => {
    const { result, unavailable } = await watchSessionCheck(() => handler(request, ...rest));
    if (!unavailable) return result;
    return serviceUnavailableResponse({
      pathname: new URL(request.url).pathname,
      requestId: request.headers.get(REQUEST_ID_HEADER) ?? '',
      nonce: request.headers.get('x-nonce') ?? '',
    });
  };
}
