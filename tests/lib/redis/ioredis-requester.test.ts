import { Redis as UpstashRedis } from '@upstash/redis';
import { Redis as IORedis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIoredisRequester, type IoredisRequester } from '@/lib/redis/ioredis-requester';
import { sha1Hex } from '@/lib/redis/lua-compat';
import { uniquePrefix } from './support/backends';

const redisUrl = process.env.REDIS_URL?.trim();

describe.skipIf(!redisUrl)('ioredis requester (REDIS_URL)', () => {
  let requester: IoredisRequester;
  const prefix = uniquePrefix('req');
  const k = (name: string) => `${prefix}${name}`;

  beforeAll(() => {
    requester = createIoredisRequester(new IORedis(redisUrl!, { maxRetriesPerRequest: 1 }));
  });

  afterAll(async () => {
    const keys = await requester.client.keys(`${prefix}*`);
    if (keys.length) await requester.client.del(...keys);
    await requester.close();
  });

  it('answers a single command with { result } and a Redis error with { error }', async () => {
    expect(await requester.request({ body: ['SET', k('a'), 'v'] })).toEqual({ result: 'OK' });
    expect(await requester.request({ body: ['GET', k('a')] })).toEqual({ result: 'v' });
    const failed = await requester.request({ body: ['INCR', k('a')] });
    expect(failed.error).toMatch(/not an integer/);
  });

  it('answers a pipeline with one entry per command, errors included', async () => {
    const replies = await requester.request({
      path: ['pipeline'],
      body: [
        ['SET', k('p'), 'x'],
        ['INCR', k('p')],
        ['GET', k('p')],
      ],
    });
    expect(replies).toEqual([{ result: 'OK' }, { error: expect.stringMatching(/not an integer/) }, { result: 'x' }]);
  });

  it('runs multi-exec as one transaction', async () => {
    const replies = await requester.request({
      path: ['multi-exec'],
      body: [
        ['INCRBY', k('m'), 5],
        ['EXPIRE', k('m'), 60],
        ['TTL', k('m')],
      ],
    });
    expect(replies).toEqual([{ result: 5 }, { result: 1 }, { result: 60 }]);
  });

  it('flattens HGETALL into the REST API array so @upstash/redis rebuilds the object', async () => {
    await requester.client.hset(k('h'), { a: '1', b: 'two' });
    const raw = await requester.request({ body: ['HGETALL', k('h')] });
    expect(raw.result).toEqual(['a', '1', 'b', 'two']);
    const client = new UpstashRedis(requester);
    expect(await client.hgetall(k('h'))).toEqual({ a: 1, b: 'two' });
  });

  it('runs scripts flagged allow-key-locking and serves EVALSHA by the client-side hash', async () => {
    const script = `#!lua flags=allow-key-locking\nreturn redis.call('INCR', KEYS[1])`;
    const clientSha = sha1Hex(script);
    const before = await requester.request({ body: ['EVALSHA', clientSha, 1, k('s')] });
    expect(before.error).toMatch(/NOSCRIPT/);
    expect(await requester.request({ body: ['EVAL', script, 1, k('s')] })).toEqual({ result: 1 });
    expect(await requester.request({ body: ['EVALSHA', clientSha, 1, k('s')] })).toEqual({ result: 2 });
  });

  it('SCRIPT LOAD answers with the hash the client computed', async () => {
    const script = `#!lua flags=allow-key-locking\nreturn 'loaded'`;
    expect(await requester.request({ body: ['SCRIPT', 'LOAD', script] })).toEqual({ result: sha1Hex(script) });
    expect(await requester.request({ body: ['EVALSHA', sha1Hex(script), 0] })).toEqual({ result: 'loaded' });
  });

  it('rejects a body that is not a command', async () => {
    await expect(requester.request({ body: { not: 'a command' } })).rejects.toThrow();
  });
});
