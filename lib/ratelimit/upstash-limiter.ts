import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import type { RateLimiter, RateLimiterOptions, RateLimitResult } from './types';

/**
 * @upstash/ratelimit's sliding window (two weighted fixed windows, one atomic Lua script per
 * call): exact under concurrency across processes. Runs on Upstash REST and, through the
 * ioredis requester, on plain Redis.
 */
export class UpstashSlidingWindowLimiter implements RateLimiter {
  private readonly ratelimit: Ratelimit;

  constructor(
    redis: Redis,
    options: RateLimiterOptions,
  ) {
    this.ratelimit = new Ratelimit({
      redis,
      limiter: Ratelimit.slidingWindow(options.limit, options.window),
      prefix: options.prefix,
      analytics: false,
      // Off: its timeout lets everything through silently. The Redis layer times the call out
      // instead and FailOpenLimiter then counts per process (lib/ratelimit/fail-open-limiter.ts).
      timeout: 0,
    });
  }

  async limit(identifier: string): Promise<RateLimitResult> {
    const result = await this.ratelimit.limit(identifier);
    await result.pending;
    return { success: result.success, limit: result.limit, remaining: result.remaining, reset: result.reset };
  }

  reset(identifier: string): Promise<void> {
    return this.ratelimit.resetUsedTokens(identifier);
  }
}
