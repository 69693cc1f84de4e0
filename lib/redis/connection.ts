import { Redis as UpstashRedis, type Requester } from '@upstash/redis';
import { Redis as IORedis } from 'ioredis';
import { getLogger } from '@/lib/observability/logger';
import { describeRedisConfig, isUpstashHost, type RedisConfig } from './config';
import { createIoredisRequester } from './ioredis-requester';
import { MemoryKeyValueStore } from './memory-store';
import type { KeyValueStore } from './types';
import { UpstashKeyValueStore } from './upstash-store';

type Common = {
  readonly kv: KeyValueStore;
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

function connectIoredis(url: string): IORedis {
  const client = new IORedis(url, {
    // No connection at import or during `next build`; the first command connects.
    lazyConnect: true,
    // Fail a command fast while Redis is down instead of queueing it for ~20 reconnects.
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
  });
  let lastLogged = 0;
  // Without a listener ioredis prints every reconnect failure to stderr.
  client.on('error', (error: Error) => {
    const now = Date.now();
    if (now - lastLogged < ERROR_LOG_INTERVAL_MS) return;
    lastLogged = now;
    getLogger({ component: 'redis' }).warn({ err: error.message }, 'redis connection error');
  });
  return client;
}

/** Builds a connection for an explicit backend; the app uses the env-chosen singleton in ./index. */
export function createRedisConnection(config: RedisConfig): RedisConnection {
  const description = describeRedisConfig(config);
  switch (config.backend) {
    case 'memory':
      return { backend: 'memory', kv: new MemoryKeyValueStore(), upstash: null, description, close: async () => {} };
    case 'redis': {
      const requester = createIoredisRequester(connectIoredis(config.url));
      const upstash = new RawRequesterRedis(requester);
      return {
        backend: 'redis',
        kv: new UpstashKeyValueStore(upstash, 'redis'),
        upstash,
        description,
        close: () => requester.close(),
      };
    }
    case 'upstash': {
      const upstash = new UpstashRedis({
        url: config.url,
        token: config.token,
        automaticDeserialization: false,
        enableTelemetry: false,
        // The default (5 retries, exponential) can hold a request for ~4 s when Upstash is unreachable.
        retry: { retries: 2 },
        ...(isUpstashHost(config.url) ? {} : { responseEncoding: false as const }),
      });
      return {
        backend: 'upstash',
        kv: new UpstashKeyValueStore(upstash, 'upstash'),
        upstash,
        description,
        close: async () => {},
      };
    }
  }
}
