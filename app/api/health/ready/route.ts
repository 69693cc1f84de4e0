import { checkDatabase } from '@/db/health';
import { runReadiness } from '@/lib/observability/readiness';
import { redisBackendName } from '@/lib/redis';
import { checkRedis } from '@/lib/redis/health';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Readiness: 200 when the database (migrated) and Redis answer, 503 naming what failed. */
export async function GET(): Promise<Response> {
  const { status, body } = await runReadiness(
    { database: checkDatabase, redis: checkRedis },
    { context: { redis: { backend: safeBackendName() } } },
  );
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

function safeBackendName(): string {
  try {
    return redisBackendName();
  } catch {
    return 'unknown';
  }
}
