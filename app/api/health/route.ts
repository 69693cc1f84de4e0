import { measured } from '@/lib/observability/measured-route';
import { appVersion } from '@/lib/observability/version';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Liveness: the process is up and serving. Touches no dependency, so it never flaps with them. */
export const GET = measured('/api/health', () =>
  Response.json(
    { status: 'ok', uptimeSeconds: Math.round(process.uptime()), version: appVersion() },
    { headers: { 'cache-control': 'no-store' } },
  ),
);
