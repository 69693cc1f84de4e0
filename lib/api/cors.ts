import { env } from '@/lib/env';

const ALLOWED_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, If-Match, Tessera-Workspace, X-Request-Id';
const EXPOSED_HEADERS = 'ETag, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After, X-Request-Id, Idempotent-Replayed';

/** The configured origins (API_CORS_ORIGINS), e.g. a web client, `capacitor://localhost`, `tauri://localhost`. */
export function allowedCorsOrigin(origin: string | null): string | null {
  if (!origin) return null;
  return env().API_CORS_ORIGINS.includes(origin) ? origin : null;
}

/** CORS headers for an allowed origin's actual request (none for others: the browser then refuses it). */
export function corsHeaders(origin: string | null): Record<string, string> {
  const allowed = allowedCorsOrigin(origin);
  if (!allowed) return {};
  return { 'Access-Control-Allow-Origin': allowed, 'Access-Control-Expose-Headers': EXPOSED_HEADERS, Vary: 'Origin' };
}

/** The answer to a preflight: 204 with the allowances for a configured origin, 403 otherwise. */
export function preflightResponse(origin: string | null): Response {
  const allowed = allowedCorsOrigin(origin);
  if (!allowed) return new Response(null, { status: 403, headers: { Vary: 'Origin' } });
  return new Response(null, {
    status: 204,
    headers: {
      'Access-Control-Allow-Origin': allowed,
      'Access-Control-Allow-Methods': ALLOWED_METHODS,
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    },
  });
}
