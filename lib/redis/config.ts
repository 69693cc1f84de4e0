import type { Env } from '@/lib/env';

export type RedisConfig =
  | { backend: 'memory' }
  | { backend: 'redis'; url: string }
  | { backend: 'upstash'; url: string; token: string };

type RedisEnv = Pick<Env, 'REDIS_URL' | 'UPSTASH_REDIS_REST_URL' | 'UPSTASH_REDIS_REST_TOKEN'>;

export class RedisConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisConfigError';
  }
}

/** Upstash REST wins over REDIS_URL when both are set; nothing set means in-process. */
export function redisConfigFromEnv(source: RedisEnv): RedisConfig {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = source;
  if (url || token) {
    // Half a configuration is a mistake, not a request for the fallback.
    if (!url || !token) {
      throw new RedisConfigError('UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together');
    }
    return { backend: 'upstash', url, token };
  }
  if (source.REDIS_URL) return { backend: 'redis', url: source.REDIS_URL };
  return { backend: 'memory' };
}

/**
 * Only Upstash itself understands `Upstash-Encoding: base64`; self-hosted REST proxies (and
 * our test fake) answer in plain JSON, so the client must not ask for base64 from them.
 */
export function isUpstashHost(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return host === 'upstash.io' || host.endsWith('.upstash.io');
  } catch {
    return false;
  }
}

/** Scheme, host, port and database only: credentials never reach the log. */
function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}

export function describeRedisConfig(config: RedisConfig): string {
  switch (config.backend) {
    case 'upstash':
      return `redis: Upstash REST at ${safeUrl(config.url)}${isUpstashHost(config.url) ? '' : ' (Upstash-compatible proxy)'}`;
    case 'redis':
      return `redis: Redis at ${safeUrl(config.url)} via ioredis (Upstash-compatible requester)`;
    case 'memory':
      return 'redis: in-process memory (zero-config; single process, lost on restart)';
  }
}
