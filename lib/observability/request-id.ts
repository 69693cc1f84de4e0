import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import { z } from 'zod';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Client-supplied ids end up in logs: accept only short, plain tokens. */
const requestIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{8,128}$/);

export function newRequestId(): string {
  return randomUUID();
}

export function isValidRequestId(value: unknown): value is string {
  return requestIdSchema.safeParse(value).success;
}

/** The incoming id when it is well-formed (a proxy's trace id), otherwise a new one. For middleware. */
export function requestIdFrom(incoming: Headers): string {
  const value = incoming.get(REQUEST_ID_HEADER);
  return isValidRequestId(value) ? value : newRequestId();
}

/** The current request's id, or undefined outside a request (jobs, scripts, tests). */
export async function currentRequestId(): Promise<string | undefined> {
  try {
    const value = (await headers()).get(REQUEST_ID_HEADER);
    return isValidRequestId(value) ? value : undefined;
  } catch {
    // headers() throws outside a request scope; that is the "no request" answer, not an error.
    return undefined;
  }
}
