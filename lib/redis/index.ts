import { env } from '@/lib/env';
import { describeRedisConfig, redisConfigFromEnv, type RedisConfig } from './config';
import { createRedisConnection, type RedisConnection } from './connection';
import type { KeyValueStore, RedisBackendName } from './types';

export type { IncrOptions, KeyValueStore, RedisBackendName, SetOptions } from './types';
export type { RedisConfig } from './config';
export { RedisConfigError, redisConfigFromEnv, describeRedisConfig } from './config';
export type { RedisConnection, MemoryRedisConnection, UpstashRedisConnection } from './connection';
export { createRedisConnection } from './connection';
export { RedisUnavailableError, isRedisUnavailable } from './outage';
export { RedisInTransactionError, assertNoOpenTransaction, redisUnderRowLock } from './transaction-guard';
export { failSoft } from './fail-soft';

// On globalThis so middleware, route handlers and dev hot reloads share one connection (and,
// for the memory backend, one store) per process.
const holder = globalThis as unknown as { __tesseraRedis?: RedisConnection };

function configFromEnv(): RedisConfig {
  return redisConfigFromEnv(env());
}

/** The process-wide connection for the backend chosen from env. */
export function redisConnection(): RedisConnection {
  holder.__tesseraRedis ??= createRedisConnection(configFromEnv());
  return holder.__tesseraRedis;
}

/**
 * The process-wide key-value store (cache, counters). While Redis is away every call rejects with
 * RedisUnavailableError within REDIS_TIMEOUT_MS (at once after the first failure); wrap calls in
 * `failSoft(op, fallback)` or catch it and use the durable source. Never call it inside a
 * database transaction (it throws in dev and tests).
 */
export function kv(): KeyValueStore {
  return redisConnection().kv;
}

export function redisBackendName(): RedisBackendName {
  return holder.__tesseraRedis?.backend ?? configFromEnv().backend;
}

/** One line for the start-up log, e.g. "redis: Redis at redis://127.0.0.1:6379 via ioredis …". */
export function describeRedisBackend(): string {
  return holder.__tesseraRedis?.description ?? describeRedisConfig(configFromEnv());
}

/** Closes and forgets the singleton; the next kv() reconnects from env. For tests and shutdown. */
export async function closeKv(): Promise<void> {
  const connection = holder.__tesseraRedis;
  holder.__tesseraRedis = undefined;
  await connection?.close();
}
