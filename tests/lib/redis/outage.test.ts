import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withSystem } from '@/db/tenant';
import { rateLimiter } from '@/lib/ratelimit';
import { createRedisConnection, failSoft, kv, RedisInTransactionError, RedisUnavailableError, type RedisConnection } from '@/lib/redis';
import { captureLogs } from '../../helpers/captured-logs';
import { closedPort, startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import { uniquePrefix } from './support/backends';

const TIMEOUT_MS = 150;
// Generous: the point is "about the timeout", against minutes (or ioredis's seconds of retries) before.
const WITHIN_MS = 1_500;

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

/** An HTTP server that accepts every request and never answers: Upstash REST black-holed. */
async function silentHttpServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

type Outage = { name: string; connect(): Promise<{ connection: RedisConnection; close(): Promise<void> }> };

const outages: Outage[] = [
  {
    name: 'redis:// black-holed (accepts, never answers)',
    async connect() {
      const hole = await startFaultProxy(null, 'blackhole');
      const connection = createRedisConnection({ backend: 'redis', url: `redis://127.0.0.1:${hole.port}`, timeoutMs: TIMEOUT_MS });
      return { connection, close: async () => (await connection.close(), await hole.close()) };
    },
  },
  {
    name: 'redis:// refused (nothing listening)',
    async connect() {
      const connection = createRedisConnection({ backend: 'redis', url: `redis://127.0.0.1:${await closedPort()}`, timeoutMs: TIMEOUT_MS });
      return { connection, close: () => connection.close() };
    },
  },
  {
    name: 'Upstash REST black-holed',
    async connect() {
      const silent = await silentHttpServer();
      const connection = createRedisConnection({ backend: 'upstash', url: silent.url, token: 'test-token', timeoutMs: TIMEOUT_MS });
      return { connection, close: async () => (await connection.close(), await silent.close()) };
    },
  },
  {
    name: 'Upstash REST refused',
    async connect() {
      const connection = createRedisConnection({ backend: 'upstash', url: `http://127.0.0.1:${await closedPort()}`, token: 't', timeoutMs: TIMEOUT_MS });
      return { connection, close: () => connection.close() };
    },
  },
];

describe.each(outages)('Redis outage: $name', (outage) => {
  let connection: RedisConnection;
  let close: () => Promise<void>;
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    logs = captureLogs();
    ({ connection, close } = await outage.connect());
  });
  afterAll(async () => {
    logs.restore();
    await close();
  });

  it('a rate-limited call answers within about the timeout and fails open to the per-process limiter', async () => {
    const limiter = rateLimiter({ prefix: 'rl:test:outage', limit: 3, window: '60 s' }, connection);
    const id = uniquePrefix('outage');
    const first = await timed(() => limiter.limit(id));
    expect(first.ms).toBeLessThan(WITHIN_MS);
    expect(first.value.success).toBe(true);
    // Down is known now: no call waits for the timeout again, and the limit still holds per process.
    const rest = await timed(async () => [await limiter.limit(id), await limiter.limit(id), await limiter.limit(id)]);
    expect(rest.ms).toBeLessThan(WITHIN_MS);
    expect(rest.value.map((r) => r.success)).toEqual([true, true, false]);
    await expect(limiter.reset(id)).resolves.toBeUndefined();
  });

  it('kv calls reject with RedisUnavailableError quickly; failSoft answers the fallback', async () => {
    const { ms } = await timed(async () => {
      await expect(connection.kv.get('outage:k')).rejects.toBeInstanceOf(RedisUnavailableError);
      expect(await failSoft(() => connection.kv.incr('outage:n'), null)).toBeNull();
    });
    expect(ms).toBeLessThan(WITHIN_MS);
    expect(connection.degraded()).toBe(true);
  });

  it('logs the outage once, not once per call', async () => {
    const limiter = rateLimiter({ prefix: 'rl:test:outage-log', limit: 100, window: '60 s' }, connection);
    for (let i = 0; i < 30; i++) await limiter.limit(`ip-${i}`);
    expect(logs.messages('redis unavailable: rate limits fall back to per-process limits and caches to the database until it answers again')).toHaveLength(1);
    expect(logs.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe.skipIf(!process.env.REDIS_URL)('Redis outage and recovery behind a proxy (REDIS_URL)', () => {
  let proxy: FaultProxy;
  let connection: RedisConnection;
  let logs: ReturnType<typeof captureLogs>;

  beforeAll(async () => {
    const target = new URL(process.env.REDIS_URL!);
    proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port || 6379) });
    connection = createRedisConnection({ backend: 'redis', url: `redis://127.0.0.1:${proxy.port}${target.pathname}`, timeoutMs: TIMEOUT_MS });
  });
  afterEach(() => logs?.restore());
  afterAll(async () => {
    await connection.close();
    await proxy.close();
  });

  it.each(['blackhole', 'refuse'] as const)('%s: fails open, then recovers when Redis is back', async (mode) => {
    logs = captureLogs();
    const key = `${uniquePrefix('recovery')}k`;
    await connection.kv.set(key, 'before', { ttlSeconds: 60 });
    proxy.set(mode);
    const limiter = rateLimiter({ prefix: 'rl:test:recovery', limit: 5, window: '60 s' }, connection);
    const during = await timed(() => limiter.limit(key));
    expect(during.value.success).toBe(true);
    expect(during.ms).toBeLessThan(WITHIN_MS);
    expect(await failSoft(() => connection.kv.get(key), 'fallback')).toBe('fallback');

    proxy.set('open');
    // One probe a second finds Redis again.
    let value: string | null = null;
    for (let i = 0; i < 40 && value !== 'before'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      value = await failSoft(() => connection.kv.get(key), null);
    }
    expect(value).toBe('before');
    expect(connection.degraded()).toBe(false);
    expect(logs.messages('redis recovered')).toHaveLength(1);
  });
});

describe('no Redis call inside a database transaction', () => {
  it('kv() and rate limits throw RedisInTransactionError inside withSystem (dev and tests)', async () => {
    await expect(withSystem('test', async () => kv().get('tx-guard'))).rejects.toBeInstanceOf(RedisInTransactionError);
    await expect(
      withSystem('test', async () => rateLimiter({ prefix: 'rl:test:tx', limit: 5, window: '60 s' }).limit('x')),
    ).rejects.toBeInstanceOf(RedisInTransactionError);
  });

  it('the same calls outside a transaction work', async () => {
    await expect(kv().set('tx-guard', '1', { ttlSeconds: 5 })).resolves.toBe(true);
    await expect(rateLimiter({ prefix: 'rl:test:tx', limit: 5, window: '60 s' }).limit(uniquePrefix('tx'))).resolves.toMatchObject({ success: true });
  });
});
