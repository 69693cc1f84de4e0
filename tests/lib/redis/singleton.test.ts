import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { closeKv, describeRedisBackend, kv, redisBackendName } from '@/lib/redis';
import { checkRedis } from '@/lib/redis/health';

const REDIS_KEYS = ['REDIS_URL', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'] as const;

describe('env-chosen kv() singleton', () => {
  const saved = Object.fromEntries(REDIS_KEYS.map((k) => [k, process.env[k]]));

  function useEnv(values: Partial<Record<(typeof REDIS_KEYS)[number], string>>) {
    for (const k of REDIS_KEYS) {
      if (values[k] === undefined) delete process.env[k];
      else process.env[k] = values[k];
    }
    resetEnvCache();
  }

  beforeEach(async () => {
    await closeKv();
  });

  afterEach(async () => {
    await closeKv();
    useEnv(Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== undefined)));
  });

  it('falls back to the in-process store with nothing configured and returns one instance', async () => {
    useEnv({});
    expect(redisBackendName()).toBe('memory');
    expect(describeRedisBackend()).toMatch(/in-process/);
    expect(kv()).toBe(kv());
    await kv().set('singleton:k', 'v');
    expect(await kv().get('singleton:k')).toBe('v');
  });

  it('closeKv() drops the instance so the next kv() starts fresh', async () => {
    useEnv({});
    const first = kv();
    await first.set('singleton:gone', 'v');
    await closeKv();
    expect(kv()).not.toBe(first);
    expect(await kv().get('singleton:gone')).toBeNull();
  });

  it('reports Redis unreachable as a failed check with its backend instead of throwing', async () => {
    useEnv({ REDIS_URL: 'redis://127.0.0.1:1' });
    const check = await checkRedis();
    expect(check).toMatchObject({ ok: false, backend: 'redis' });
    expect(check.error).toBeTruthy();
  });

  it.skipIf(!process.env.REDIS_URL)('uses REDIS_URL when set and passes the readiness check', async () => {
    useEnv({ REDIS_URL: saved.REDIS_URL });
    expect(redisBackendName()).toBe('redis');
    expect(describeRedisBackend()).toContain('127.0.0.1');
    expect(await checkRedis()).toMatchObject({ ok: true, backend: 'redis' });
  });
});
