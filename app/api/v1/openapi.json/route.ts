import { buildOpenApi } from '@/lib/api/openapi';
import { routeHandlersOf } from '@/lib/api/spec';
import { corsHeaders } from '@/lib/api/cors';
import { env } from '@/lib/env';
import { API_ROUTE_MODULES } from '../routes.generated';

// Public and the same for everyone: built once per process from the route definitions.
let spec: string | null = null;

export function GET(request: Request): Response {
  spec ??= JSON.stringify(buildOpenApi(routeHandlersOf(API_ROUTE_MODULES), env().APP_URL));
  return new Response(spec, {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300', ...corsHeaders(request.headers.get('origin')) },
  });
}
