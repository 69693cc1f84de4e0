import { z } from 'zod';
import { redisConnection, type RedisConnection } from '@/lib/redis';
import { FailOpenLimiter } from './fail-open-limiter';
import { MemorySlidingWindowLimiter } from './memory-limiter';
import type { RateLimiter, RateLimiterOptions } from './types';
import { UpstashSlidingWindowLimiter } from './upstash-limiter';
import { windowToMs } from './window';

export type { RateLimiter, RateLimiterOptions, RateLimitResult, WindowDuration } from './types';
export { rateLimitHeaders } from './headers';

const optionsSchema = z.object({
  prefix: z.string().regex(/^[\w:.-]+$/, 'letters, digits and : . _ - only'),
  limit: z.number().int().positive(),
  window: z.string(),
});

/**
 * Every limiter fails open to a per-process sliding window when Redis is away; the Redis layer
 * bounds each call by REDIS_TIMEOUT_MS (lib/redis/outage.ts), so the limiter needs no timeout of its own.
 */
function build(options: RateLimiterOptions, connection: RedisConnection): RateLimiter {
  optionsSchema.parse(options);
  const windowMs = windowToMs(options.window);
  const local = new MemorySlidingWindowLimiter(options.limit, windowMs);
  const shared = connection.backend === 'memory' ? local : new UpstashSlidingWindowLimiter(connection.upstash, options);
  return new FailOpenLimiter(options.prefix, shared, local);
}

// Per connection and options, on globalThis: middleware and route handlers are separate bundles,
// and with the memory backend they must count into the same log.
const holder = globalThis as unknown as { __tesseraLimiters?: WeakMap<RedisConnection, Map<string, RateLimiter>> };

/**
 * A sliding-window limiter on the active Redis backend. Pass `connection` to target a specific
 * backend (contract tests); without it the limiter is shared process-wide.
 */
export function rateLimiter(options: RateLimiterOptions, connection?: RedisConnection): RateLimiter {
  if (connection) return build(options, connection);
  const active = redisConnection();
  holder.__tesseraLimiters ??= new WeakMap();
  let byOptions = holder.__tesseraLimiters.get(active);
  if (!byOptions) {
    byOptions = new Map();
    holder.__tesseraLimiters.set(active, byOptions);
  }
  const key = `${options.prefix}|${options.limit}|${options.window}`;
  let limiter = byOptions.get(key);
  if (!limiter) {
    limiter = build(options, active);
    byOptions.set(key, limiter);
  }
  return limiter;
}
