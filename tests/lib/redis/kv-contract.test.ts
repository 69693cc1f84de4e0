import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyValueStore } from '@/lib/redis';
import { backendsUnderTest, sleep, uniquePrefix, type ConnectedBackend } from './support/backends';

for (const backend of backendsUnderTest()) {
  describe.skipIf(!backend.available)(`KeyValueStore contract: ${backend.name}`, () => {
    let connected: ConnectedBackend;
    let store: KeyValueStore;
    const prefix = uniquePrefix('kv');
    const used: string[] = [];
    const key = (name: string) => {
      const k = `${prefix}${name}`;
      used.push(k);
      return k;
    };

    beforeAll(async () => {
      connected = await backend.connect();
      store = connected.connection.kv;
    });

    afterAll(async () => {
      if (used.length) await store.del(...used);
      await connected.close();
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('returns null for a key that was never set', async () => {
      expect(await store.get(key('missing'))).toBeNull();
    });

    it('round-trips strings exactly, including ones that look like numbers or JSON', async () => {
      const values = ['plain', '123', '1.50', '007', '{"a": 1}', 'true', 'null', '', 'ünïcødé 🎉'];
      for (const [i, value] of values.entries()) {
        const k = key(`roundtrip:${i}`);
        expect(await store.set(k, value)).toBe(true);
        expect(await store.get(k)).toBe(value);
      }
    });

    it('overwrites an existing value', async () => {
      const k = key('overwrite');
      await store.set(k, 'one');
      await store.set(k, 'two');
      expect(await store.get(k)).toBe('two');
    });

    it('with onlyIfAbsent writes only when the key is missing', async () => {
      const k = key('nx');
      expect(await store.set(k, 'first', { onlyIfAbsent: true })).toBe(true);
      expect(await store.set(k, 'second', { onlyIfAbsent: true })).toBe(false);
      expect(await store.get(k)).toBe('first');
    });

    it('reports -2 for a missing key and -1 for a key without expiry', async () => {
      const k = key('ttl-none');
      expect(await store.ttl(k)).toBe(-2);
      await store.set(k, 'v');
      expect(await store.ttl(k)).toBe(-1);
    });

    it('expires a value set with a TTL', async () => {
      const k = key('ttl-set');
      await store.set(k, 'v', { ttlSeconds: 1 });
      const ttl = await store.ttl(k);
      expect(ttl).toBeGreaterThanOrEqual(0);
      expect(ttl).toBeLessThanOrEqual(1);
      expect(await store.get(k)).toBe('v');
      await sleep(1_150);
      expect(await store.get(k)).toBeNull();
      expect(await store.ttl(k)).toBe(-2);
    });

    it('expire() sets a TTL on an existing key and reports false for a missing one', async () => {
      const k = key('expire');
      expect(await store.expire(k, 10)).toBe(false);
      await store.set(k, 'v');
      expect(await store.expire(k, 30)).toBe(true);
      const ttl = await store.ttl(k);
      expect(ttl).toBeGreaterThan(25);
      expect(ttl).toBeLessThanOrEqual(30);
    });

    it('del removes keys and counts only the ones that existed', async () => {
      const a = key('del:a');
      const b = key('del:b');
      await store.set(a, '1');
      await store.set(b, '2');
      expect(await store.del(a, b, key('del:missing'))).toBe(2);
      expect(await store.get(a)).toBeNull();
      expect(await store.del()).toBe(0);
    });

    it('incr starts a missing counter at 1 and incrBy adds any integer', async () => {
      const k = key('counter');
      expect(await store.incr(k)).toBe(1);
      expect(await store.incr(k)).toBe(2);
      expect(await store.incrBy(k, 10)).toBe(12);
      expect(await store.incrBy(k, -5)).toBe(7);
      expect(await store.get(k)).toBe('7');
    });

    it('incr on a non-integer value rejects', async () => {
      const k = key('not-a-number');
      await store.set(k, 'abc');
      await expect(store.incr(k)).rejects.toThrow(/not an integer/);
    });

    it('incr with a TTL sets the expiry on the first increment only', async () => {
      const k = key('counter-ttl');
      expect(await store.incr(k, { ttlSeconds: 100 })).toBe(1);
      expect(await store.incr(k, { ttlSeconds: 5 })).toBe(2);
      const ttl = await store.ttl(k);
      expect(ttl).toBeGreaterThan(90);
      expect(ttl).toBeLessThanOrEqual(100);
    });

    it('a counter with a TTL expires and then restarts from 1', async () => {
      const k = key('counter-expiry');
      expect(await store.incrBy(k, 3, { ttlSeconds: 1 })).toBe(3);
      await sleep(1_150);
      expect(await store.get(k)).toBeNull();
      expect(await store.incr(k, { ttlSeconds: 1 })).toBe(1);
    });

    it('counts every one of 50 concurrent increments', async () => {
      const k = key('concurrent');
      const results = await Promise.all(Array.from({ length: 50 }, () => store.incr(k, { ttlSeconds: 60 })));
      expect(new Set(results).size).toBe(50);
      expect(Math.max(...results)).toBe(50);
      expect(await store.get(k)).toBe('50');
    });

    it('rejects TTLs that are not positive whole seconds', async () => {
      await expect(store.set(key('bad-ttl'), 'v', { ttlSeconds: 0 })).rejects.toThrow(RangeError);
      await expect(store.set(key('bad-ttl'), 'v', { ttlSeconds: 1.5 })).rejects.toThrow(RangeError);
      await expect(store.incr(key('bad-ttl'), { ttlSeconds: -1 })).rejects.toThrow(RangeError);
      await expect(store.expire(key('bad-ttl'), 0)).rejects.toThrow(RangeError);
    });

    it('names its backend', () => {
      expect(store.backend).toBe(connected.connection.backend);
    });
  });
}
