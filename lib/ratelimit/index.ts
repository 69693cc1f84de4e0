import { z } from 'zod';
import { redisConnection, type RedisConnection } from '@/lib/redis';
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

/** How long a Redis-backed check may take before the request is let through. */
export const RATE_LIMIT_TIMEOUT_MS = 2_000;

function build(options: RateLimiterOptions, connection: RedisConnection): RateLimiter {
  optionsSchema.parse(options);
  const windowMs = windowToMs(options.window);
  if (connection.backend === 'memory') return new MemorySlidingWindowLimiter(options.limit, windowMs);
  return new UpstashSlidingWindowLimiter(connection.upstash, options, RATE_LIMIT_TIMEOUT_MS);
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
