import { NextResponse } from 'next/server';
import { errorBody } from '@/lib/errors/app-error';
import { unavailablePage } from './unavailable-page';

/** Seconds a client is asked to wait: about how long the database takes to come back from a restart. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const API_MESSAGE = 'The service is temporarily unavailable. Please retry shortly.';

/** `/api/*` gets the JSON error every API answers with; everything else the page. */
export function serviceUnavailableResponse({ pathname, requestId, nonce }: { pathname: string; requestId: string; nonce: string }): NextResponse {
  const headers = { 'Retry-After': String(UNAVAILABLE_RETRY_AFTER_SECONDS), 'Cache-Control': 'no-store' };
  if (pathname.startsWith('/api/')) {
    return NextResponse.json(errorBody('unavailable', API_MESSAGE), { status: 503, headers });
  }
  return new NextResponse(unavailablePage({ requestId, nonce }), {
    status: 503,
    headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' },
  });
}
