import { checkDatabase } from '@/db/health';
import { measured } from '@/lib/observability/measured-route';
import { runReadiness } from '@/lib/observability/readiness';
import { redisBackendName } from '@/lib/redis';
import { checkRedis } from '@/lib/redis/health';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Readiness: 200 when the database (migrated) and Redis answer; 200 "degraded" with Redis down
 * (the app serves without it); 503 when the database fails. Reasons are generic, never driver text.
 */
export const GET = measured('/api/health/ready', async () => {
  const { status, body } = await runReadiness(
    { database: checkDatabase, redis: checkRedis },
    { context: { redis: { backend: safeBackendName() } }, degradable: ['redis'] },
  );
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
});

function safeBackendName(): string {
  try {
    return redisBackendName();
  } catch {
    return 'unknown';
  }
}
