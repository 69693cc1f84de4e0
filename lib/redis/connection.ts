import { Redis as UpstashRedis, type Requester } from '@upstash/redis';
import { Redis as IORedis } from 'ioredis';
import { getLogger } from '@/lib/observability/logger';
import { DEFAULT_REDIS_TIMEOUT_MS, describeRedisConfig, isUpstashHost, type RedisConfig } from './config';
import { TransactionCheckedStore } from './checked-store';
import { guardRequester } from './guarded-requester';
import { createIoredisRequester } from './ioredis-requester';
import { MemoryKeyValueStore } from './memory-store';
import type { OutageGuard } from './outage';
import type { KeyValueStore } from './types';
import { UpstashKeyValueStore } from './upstash-store';

type Common = {
  /** Rejects with RedisUnavailableError within the command timeout while Redis is away. */
  readonly kv: KeyValueStore;
  /** Whether the last command found Redis unavailable (always false in memory). */
  readonly degraded: () => boolean;
  /** One line for the start-up log and /admin/system; never contains credentials. */
  readonly description: string;
  close(): Promise<void>;
};

export type MemoryRedisConnection = Common & { readonly backend: 'memory'; readonly upstash: null };
export type UpstashRedisConnection = Common & {
  readonly backend: 'upstash' | 'redis';
  /** For libraries that want an @upstash/redis client (@upstash/ratelimit). Values are not JSON-decoded. */
  readonly upstash: UpstashRedis;
};
export type RedisConnection = MemoryRedisConnection | UpstashRedisConnection;

/**
 * `new Redis(requester)` takes no options, and its default JSON decoding would turn a stored
 * "123" into 123; the KeyValueStore contract is strings in, strings out.
 */
class RawRequesterRedis extends UpstashRedis {
  constructor(requester: Requester) {
    super(requester);
    this.opts = { automaticDeserialization: false };
  }
}

const ERROR_LOG_INTERVAL_MS = 30_000;

function connectIoredis(url: string, timeoutMs: number): IORedis {
  const client = new IORedis(url, {
    // No connection at import or during `next build`; the first command connects.
    lazyConnect: true,
    // Fail a command fast while Redis is down instead of queueing it for ~20 reconnects.
    maxRetriesPerRequest: 1,
    // A black-holed Redis never answers: without it a command waits for TCP to give up.
    commandTimeout: timeoutMs,
    connectTimeout: 2_000,
  });
  let lastLogged = 0;
  // Without a listener ioredis prints every reconnect failure to stderr. The outage itself is
  // logged by the OutageGuard; this only says why, at debug level.
  client.on('error', (error: Error) => {
    const now = Date.now();
    if (now - lastLogged < ERROR_LOG_INTERVAL_MS) return;
    lastLogged = now;
    getLogger({ component: 'redis' }).debug({ err: error.message }, 'redis connection error');
  });
  return client;
}

function guarded(upstash: UpstashRedis, guard: OutageGuard, backend: 'upstash' | 'redis') {
  return { kv: new TransactionCheckedStore(new UpstashKeyValueStore(upstash, backend)), degraded: () => guard.down };
}

/** Builds a connection for an explicit backend; the app uses the env-chosen singleton in ./index. */
export function createRedisConnection(config: RedisConfig): RedisConnection {
  const description = describeRedisConfig(config);
  switch (config.backend) {
    case 'memory':
      return {
        backend: 'memory',
        kv: new TransactionCheckedStore(new MemoryKeyValueStore()),
        degraded: () => false,
        upstash: null,
        description,
        close: async () => {},
      };
    case 'redis': {
      const timeoutMs = config.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
      const requester = createIoredisRequester(connectIoredis(config.url, timeoutMs));
      const outage = guardRequester(requester, { timeoutMs, backend: 'redis' });
      const upstash = new RawRequesterRedis(outage);
      return {
        backend: 'redis',
        ...guarded(upstash, outage.guard, 'redis'),
        upstash,
        description,
        close: () => requester.close(),
      };
    }
    case 'upstash': {
      const timeoutMs = config.timeoutMs ?? DEFAULT_REDIS_TIMEOUT_MS;
      const rest = new UpstashRedis({
        url: config.url,
        token: config.token,
        automaticDeserialization: false,
        enableTelemetry: false,
        // The default (5 retries, exponential) can hold a request for ~4 s when Upstash is
        // unreachable; the OutageGuard decides when to try again instead.
        retry: { retries: 0 },
        // A fresh signal per request: aborts the fetch itself, not only our wait for it.
        signal: () => AbortSignal.timeout(timeoutMs),
        ...(isUpstashHost(config.url) ? {} : { responseEncoding: false as const }),
      });
      // The REST client's own requester (URL, token, base64 decoding), wrapped like ioredis's.
      const outage = guardRequester((rest as unknown as { client: Requester }).client, { timeoutMs, backend: 'upstash' });
      const upstash = new RawRequesterRedis(outage);
      return {
        backend: 'upstash',
        ...guarded(upstash, outage.guard, 'upstash'),
        upstash,
        description,
        close: async () => {},
      };
    }
  }
}
