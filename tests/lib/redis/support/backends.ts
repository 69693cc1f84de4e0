import { randomBytes } from 'node:crypto';
import { createRedisConnection, type RedisConnection } from '@/lib/redis';
import { startFakeUpstash } from './fake-upstash-server';

export type ConnectedBackend = { connection: RedisConnection; close(): Promise<void> };
/** `available` is false for the Redis-backed variants without REDIS_URL: their suites are then skipped, by name. */
export type BackendUnderTest = { name: string; available: boolean; connect(): Promise<ConnectedBackend> };

/** Random per run so parallel test files and reruns never share keys. */
export function uniquePrefix(label: string): string {
  return `test:${label}:${randomBytes(6).toString('hex')}:`;
}

/**
 * Every backend of the contract: memory always runs; the ioredis requester and the Upstash REST
 * client (against a local fake REST server backed by that Redis) run when REDIS_URL is set and
 * are reported as skipped otherwise, so a zero-config run shows what it did not cover.
 */
export function backendsUnderTest(): BackendUnderTest[] {
  const redisUrl = process.env.REDIS_URL?.trim();
  // The contracts are about what each backend answers, not the outage layer: on a loaded CI
  // machine a burst through the fake REST server passed the 200 ms production timeout, the
  // fail-open fallback let its own 10 through, and "exactly 10 of 50" saw 20. The outage
  // behaviour has its own tests (tests/lib/redis/outage.test.ts).
  const CONTRACT_TIMEOUT_MS = 10_000;
  const needRedis = (): string => {
    if (!redisUrl) throw new Error('REDIS_URL is not set');
    return redisUrl;
  };
  return [
    {
      name: 'memory',
      available: true,
      async connect() {
        const connection = createRedisConnection({ backend: 'memory' });
        return { connection, close: () => connection.close() };
      },
    },
    {
      name: 'redis (REDIS_URL via ioredis requester)',
      available: Boolean(redisUrl),
      async connect() {
        const connection = createRedisConnection({ backend: 'redis', url: needRedis(), timeoutMs: CONTRACT_TIMEOUT_MS });
        return { connection, close: () => connection.close() };
      },
    },
    {
      name: 'upstash (REST client against a fake REST server)',
      available: Boolean(redisUrl),
      async connect() {
        const fake = await startFakeUpstash(needRedis());
        const connection = createRedisConnection({ backend: 'upstash', url: fake.url, token: fake.token, timeoutMs: CONTRACT_TIMEOUT_MS });
        return {
          connection,
          async close() {
            await connection.close();
            await fake.close();
          },
        };
      },
    },
  ];
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
