import { describe, expect, it } from 'vitest';
import { describeRedisConfig, isUpstashHost, RedisConfigError, redisConfigFromEnv } from '@/lib/redis/config';

const none = { REDIS_URL: undefined, UPSTASH_REDIS_REST_URL: undefined, UPSTASH_REDIS_REST_TOKEN: undefined };

describe('redisConfigFromEnv', () => {
  it('chooses memory when nothing is configured', () => {
    expect(redisConfigFromEnv(none)).toEqual({ backend: 'memory' });
  });

  it('chooses REDIS_URL when only it is set', () => {
    expect(redisConfigFromEnv({ ...none, REDIS_URL: 'redis://localhost:6379' })).toEqual({
      backend: 'redis',
      url: 'redis://localhost:6379',
      timeoutMs: 200,
    });
  });

  it('prefers Upstash REST over REDIS_URL when both are set', () => {
    const config = redisConfigFromEnv({
      REDIS_URL: 'redis://localhost:6379',
      UPSTASH_REDIS_REST_URL: 'https://eu1-x.upstash.io',
      UPSTASH_REDIS_REST_TOKEN: 'tok',
    });
    expect(config.backend).toBe('upstash');
  });

  it('refuses half an Upstash configuration instead of silently falling back', () => {
    expect(() => redisConfigFromEnv({ ...none, UPSTASH_REDIS_REST_URL: 'https://eu1-x.upstash.io' })).toThrow(
      RedisConfigError,
    );
    expect(() => redisConfigFromEnv({ ...none, UPSTASH_REDIS_REST_TOKEN: 'tok' })).toThrow(RedisConfigError);
  });
});

describe('describeRedisConfig', () => {
  it('never prints a Redis password', () => {
    const line = describeRedisConfig({ backend: 'redis', url: 'redis://user:s3cret-pw@cache.internal:6380/2' });
    expect(line).toContain('cache.internal:6380');
    expect(line).not.toContain('s3cret-pw');
    expect(line).not.toContain('user');
  });

  it('never prints the Upstash token', () => {
    const line = describeRedisConfig({ backend: 'upstash', url: 'https://eu1-x.upstash.io', token: 'tok-secret-123' });
    expect(line).toContain('eu1-x.upstash.io');
    expect(line).not.toContain('tok-secret-123');
  });

  it('says when the in-process backend is active', () => {
    expect(describeRedisConfig({ backend: 'memory' })).toMatch(/in-process/);
  });
});

describe('isUpstashHost', () => {
  it('recognises Upstash hosts only', () => {
    expect(isUpstashHost('https://eu1-x.upstash.io')).toBe(true);
    expect(isUpstashHost('http://127.0.0.1:8080')).toBe(false);
    expect(isUpstashHost('https://upstash.io.evil.example')).toBe(false);
    expect(isUpstashHost('not a url')).toBe(false);
  });
});
