import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimiter, type RateLimiterOptions } from '@/lib/ratelimit';
import type { RedisConnection } from '@/lib/redis';
import {
  backendsUnderTest,
  sleep,
  uniquePrefix,
  type ConnectedBackend,
} from '../redis/support/backends';

/**
 * The Redis limiters count in fixed buckets aligned to the epoch and weigh the previous one;
 * a burst that straddles a boundary could be judged across two buckets. Start bursts clear of it.
 */
async function awayFromWindowEdge(windowMs: number, marginMs: number): Promise<void> {
  const left = windowMs - (Date.now() % windowMs);
  if (left < marginMs) await sleep(left + 20);
}

const id = () => randomBytes(6).toString('hex');

for (const backend of backendsUnderTest()) {
  describe.skipIf(!backend.available)(`rate limiter contract: ${backend.name}`, () => {
    let connected: ConnectedBackend;
    let connection: RedisConnection;
    const prefix = uniquePrefix('rl').replace(/:$/, '');
    const limiterFor = (name: string, limit: number, window: RateLimiterOptions['window']) =>
      rateLimiter({ prefix: `${prefix}:${name}`, limit, window }, connection);

    beforeAll(async () => {
      connected = await backend.connect();
      connection = connected.connection;
    });

    afterAll(async () => {
      await connected.close();
    });

    it('lets exactly 10 of 50 concurrent requests through with a limit of 10', async () => {
      const limiter = limiterFor('burst', 10, '60 s');
      await awayFromWindowEdge(60_000, 2_000);
      const who = id();
      const results = await Promise.all(Array.from({ length: 50 }, () => limiter.limit(who)));
      expect(results.filter((r) => r.success)).toHaveLength(10);
      expect(results.filter((r) => !r.success)).toHaveLength(40);
      for (const r of results) {
        expect(r.limit).toBe(10);
        expect(r.remaining).toBeGreaterThanOrEqual(0);
      }
      expect(results.filter((r) => !r.success).every((r) => r.remaining === 0)).toBe(true);
    });

    it('counts remaining down and reports reset as a future epoch-ms within the window', async () => {
      const limiter = limiterFor('remaining', 3, '60 s');
      await awayFromWindowEdge(60_000, 2_000);
      const who = id();
      const before = Date.now();
      const first = await limiter.limit(who);
      const second = await limiter.limit(who);
      expect(first).toMatchObject({ success: true, limit: 3, remaining: 2 });
      expect(second).toMatchObject({ success: true, remaining: 1 });
      expect(first.reset).toBeGreaterThan(before);
      expect(first.reset).toBeLessThanOrEqual(Date.now() + 60_000);
    });

    it('keeps identifiers independent', async () => {
      const limiter = limiterFor('independent', 2, '60 s');
      await awayFromWindowEdge(60_000, 2_000);
      const a = id();
      const b = id();
      expect((await limiter.limit(a)).success).toBe(true);
      expect((await limiter.limit(a)).success).toBe(true);
      expect((await limiter.limit(a)).success).toBe(false);
      expect((await limiter.limit(b)).success).toBe(true);
      expect((await limiter.limit(b)).success).toBe(true);
      expect((await limiter.limit(b)).success).toBe(false);
    });

    it('keeps limiters with different prefixes independent for the same identifier', async () => {
      const one = limiterFor('prefix-one', 1, '60 s');
      const two = limiterFor('prefix-two', 1, '60 s');
      await awayFromWindowEdge(60_000, 2_000);
      const who = id();
      expect((await one.limit(who)).success).toBe(true);
      expect((await one.limit(who)).success).toBe(false);
      expect((await two.limit(who)).success).toBe(true);
    });

    it('reset() lets a blocked identifier through again without touching others', async () => {
      const limiter = limiterFor('reset', 2, '60 s');
      await awayFromWindowEdge(60_000, 2_000);
      const who = id();
      const other = id();
      await limiter.limit(who);
      await limiter.limit(who);
      await limiter.limit(other);
      await limiter.limit(other);
      expect((await limiter.limit(who)).success).toBe(false);
      await limiter.reset(who);
      expect((await limiter.limit(who)).success).toBe(true);
      expect((await limiter.limit(other)).success).toBe(false);
    });

    it('allows requests again once the window has slid past them', async () => {
      const limiter = limiterFor('slide', 3, '1 s');
      await awayFromWindowEdge(1_000, 400);
      const who = id();
      for (let i = 0; i < 3; i++) expect((await limiter.limit(who)).success).toBe(true);
      expect((await limiter.limit(who)).success).toBe(false);
      // Two windows: the weighted previous bucket of the Redis limiters has then fully decayed.
      await sleep(2_100);
      expect((await limiter.limit(who)).success).toBe(true);
    });

    it('rejects invalid options', () => {
      expect(() => rateLimiter({ prefix: 'bad prefix', limit: 1, window: '1 s' }, connection)).toThrow();
      expect(() => rateLimiter({ prefix: 'p', limit: 0, window: '1 s' }, connection)).toThrow();
      expect(() => rateLimiter({ prefix: 'p', limit: 1, window: '0 s' }, connection)).toThrow();
    });
  });
}
