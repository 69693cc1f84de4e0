import type { Redis } from '@upstash/redis';
import type { IncrOptions, KeyValueStore, SetOptions } from './types';
import { assertIncrement, assertKey, assertTtlSeconds } from './validate';

/**
 * One round trip and atomic: a crash between INCRBY and EXPIRE would otherwise leave a counter
 * that never expires. Lua rather than `EXPIRE … NX` so it also runs on Redis 6.
 */
const INCR_WITH_TTL = `
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('TTL', KEYS[1]) == -1 then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return value
`;

/** KeyValueStore over an @upstash/redis client: real Upstash REST, or a plain Redis via the ioredis requester. */
export class UpstashKeyValueStore implements KeyValueStore {
  /** EVALSHA first, EVAL only when the server has not seen the script yet. */
  private readonly incrWithTtl: ReturnType<Redis['createScript']>;

  constructor(
    private readonly redis: Redis,
    readonly backend: 'upstash' | 'redis',
  ) {
    this.incrWithTtl = redis.createScript(INCR_WITH_TTL);
  }

  async get(key: string): Promise<string | null> {
    const value = await this.redis.get<string | number>(key);
    return value === null ? null : String(value);
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    assertKey(key);
    const { ttlSeconds, onlyIfAbsent } = options;
    if (ttlSeconds !== undefined) assertTtlSeconds(ttlSeconds);
    const reply =
      ttlSeconds !== undefined
        ? onlyIfAbsent
          ? await this.redis.set(key, value, { ex: ttlSeconds, nx: true })
          : await this.redis.set(key, value, { ex: ttlSeconds })
        : onlyIfAbsent
          ? await this.redis.set(key, value, { nx: true })
          : await this.redis.set(key, value);
    return reply !== null;
  }

  async del(...keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    return this.redis.del(...keys);
  }

  incr(key: string, options?: IncrOptions): Promise<number> {
    return this.incrBy(key, 1, options);
  }

  async incrBy(key: string, amount: number, options: IncrOptions = {}): Promise<number> {
    assertKey(key);
    assertIncrement(amount);
    if (options.ttlSeconds === undefined) return Number(await this.redis.incrby(key, amount));
    assertTtlSeconds(options.ttlSeconds);
    return Number(await this.incrWithTtl.exec([key], [String(amount), String(options.ttlSeconds)]));
  }

  async expire(key: string, ttlSeconds: number): Promise<boolean> {
    assertTtlSeconds(ttlSeconds);
    return Number(await this.redis.expire(key, ttlSeconds)) === 1;
  }

  async ttl(key: string): Promise<number> {
    return Number(await this.redis.ttl(key));
  }

  async ping(): Promise<void> {
    const reply = await this.redis.ping();
    if (reply !== 'PONG') throw new Error(`Unexpected PING reply: ${String(reply)}`);
  }
}
