import { redisConnection } from './index';
import { isRedisUnavailable } from './outage';
import type { RedisBackendName } from './types';

/** `unknown` only when the Redis configuration itself is invalid. */
export type RedisCheck = { ok: boolean; latencyMs: number; backend: RedisBackendName | 'unknown'; error?: string };

/**
 * Readiness probe: a PING through the active backend. Never throws. The error is generic: the
 * driver's message names the host and port, and the outage is logged by the Redis layer.
 */
export async function checkRedis(): Promise<RedisCheck> {
  const started = performance.now();
  let backend: RedisCheck['backend'] = 'unknown';
  try {
    const connection = redisConnection();
    backend = connection.backend;
    await connection.kv.ping();
    return { ok: true, latencyMs: elapsed(started), backend };
  } catch (error) {
    return { ok: false, latencyMs: elapsed(started), backend, error: isRedisUnavailable(error) ? 'unavailable' : 'check failed' };
  }
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
