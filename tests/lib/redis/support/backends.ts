import { randomBytes } from 'node:crypto';
import { createRedisConnection, type RedisConnection } from '@/lib/redis';
import { startFakeUpstash } from './fake-upstash-server';

export type ConnectedBackend = { connection: RedisConnection; close(): Promise<void> };
export type BackendUnderTest = { name: string; connect(): Promise<ConnectedBackend> };

/** Random per run so parallel test files and reruns never share keys. */
export function uniquePrefix(label: string): string {
  return `test:${label}:${randomBytes(6).toString('hex')}:`;
}

/**
 * Every backend this machine can run: memory always; with REDIS_URL also the ioredis requester
 * and the Upstash REST client against a local fake REST server backed by that Redis.
 */
export function backendsUnderTest(): BackendUnderTest[] {
  const backends: BackendUnderTest[] = [
    {
      name: 'memory',
      async connect() {
        const connection = createRedisConnection({ backend: 'memory' });
        return { connection, close: () => connection.close() };
      },
    },
  ];
  const redisUrl = process.env.REDIS_URL?.trim();
  if (!redisUrl) return backends;
  backends.push(
    {
      name: 'redis (REDIS_URL via ioredis requester)',
      async connect() {
        const connection = createRedisConnection({ backend: 'redis', url: redisUrl });
        return { connection, close: () => connection.close() };
      },
    },
    {
      name: 'upstash (REST client against a fake REST server)',
      async connect() {
        const fake = await startFakeUpstash(redisUrl);
        const connection = createRedisConnection({ backend: 'upstash', url: fake.url, token: fake.token });
        return {
          connection,
          async close() {
            await connection.close();
            await fake.close();
          },
        };
      },
    },
  );
  return backends;
}

export const redisVariantsSkipped = !process.env.REDIS_URL?.trim();

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
