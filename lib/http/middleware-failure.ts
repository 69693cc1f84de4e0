import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { errorBody } from '@/lib/errors/app-error';
import { requestLogger } from '@/lib/observability/logger';
import { REQUEST_ID_HEADER } from '@/lib/observability/request-id';
import { contentSecurityPolicy, newNonce, securityHeaders } from './security-headers';

function isProduction(): boolean {
  try {
    return env().isProduction;
  } catch {
    // The environment itself may be what failed: fall back to the raw variables.
    return process.env.NODE_ENV === 'production' && process.env.APP_ENV === 'production';
  }
}

/**
 * What the request gate answers when it throws: Next would print the error as plain text and
 * answer a bare 500 with no request id and no security headers. Instead the error is one JSON log
 * line with its cause chain, and the answer a 500 carrying the request id to quote.
 */
export function middlewareFailure(request: NextRequest, requestId: string, error: unknown): NextResponse {
  const { pathname } = request.nextUrl;
  requestLogger(requestId).error({ err: error, method: request.method, path: pathname }, 'middleware error');
  const message = 'Something went wrong on our side.';
  const response = pathname.startsWith('/api/')
    ? NextResponse.json(errorBody('internal', message), { status: 500 })
    : new NextResponse(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
          '<title>Error — Tessera</title></head><body style="font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5">' +
          `<h1>Something went wrong</h1><p>${message} Please try again in a moment.</p>` +
          `<p style="color:#555;font-size:.875rem">Request id: ${requestId}</p></body></html>`,
        { status: 500, headers: { 'content-type': 'text/html; charset=utf-8' } },
      );
  const production = isProduction();
  for (const [name, value] of Object.entries(securityHeaders(contentSecurityPolicy(newNonce(), { dev: false, production }), { production }))) {
    response.headers.set(name, value);
  }
  response.headers.set(REQUEST_ID_HEADER, requestId);
  response.headers.set('cache-control', 'no-store');
  return response;
}
