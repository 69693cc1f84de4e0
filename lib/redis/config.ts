import type { Env } from '@/lib/env';

/** `timeoutMs`: how long one command may take before Redis counts as unavailable (REDIS_TIMEOUT_MS). */
export type RedisConfig =
  | { backend: 'memory' }
  | { backend: 'redis'; url: string; timeoutMs?: number }
  | { backend: 'upstash'; url: string; token: string; timeoutMs?: number };

/** Short, so a Redis outage costs a request at most this much once, not seconds per command. */
export const DEFAULT_REDIS_TIMEOUT_MS = 200;

type RedisEnv = Pick<Env, 'REDIS_URL' | 'UPSTASH_REDIS_REST_URL' | 'UPSTASH_REDIS_REST_TOKEN'> & Partial<Pick<Env, 'REDIS_TIMEOUT_MS'>>;

export class RedisConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisConfigError';
  }
}

/** Upstash REST wins over REDIS_URL when both are set; nothing set means in-process. */
export function redisConfigFromEnv(source: RedisEnv): RedisConfig {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = source;
  const timeoutMs = source.REDIS_TIMEOUT_MS ?? DEFAULT_REDIS_TIMEOUT_MS;
  if (url || token) {
    // Half a configuration is a mistake, not a request for the fallback.
    if (!url || !token) {
      throw new RedisConfigError('UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN must be set together');
    }
    return { backend: 'upstash', url, token, timeoutMs };
  }
  if (source.REDIS_URL) return { backend: 'redis', url: source.REDIS_URL, timeoutMs };
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
