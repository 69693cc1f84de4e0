import { env } from '@/lib/env';
import { errorBody } from '@/lib/errors/app-error';
import { measured } from '@/lib/observability/measured-route';
import { renderMetrics } from '@/lib/observability/metrics';
import { hasBearerToken } from '@/lib/observability/metrics-auth';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Prometheus scrape endpoint; behind METRICS_TOKEN when one is configured. */
export const GET = measured('/api/health/metrics', async (request) => {
  const token = env().METRICS_TOKEN;
  if (token && !hasBearerToken(request.headers, token)) {
    return Response.json(errorBody('unauthorized', 'A valid metrics token is required.'), { status: 401 });
  }
  const { contentType, body } = await renderMetrics();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
});
