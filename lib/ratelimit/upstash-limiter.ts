import { Ratelimit } from '@upstash/ratelimit';
import type { Redis } from '@upstash/redis';
import { getLogger } from '@/lib/observability/logger';
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
    private readonly options: RateLimiterOptions,
    timeoutMs: number,
  ) {
    this.ratelimit = new Ratelimit({
      redis,
      limiter: Ratelimit.slidingWindow(options.limit, options.window),
      prefix: options.prefix,
      analytics: false,
      // On timeout the library lets the request through: a slow Redis must not take the site down.
      timeout: timeoutMs,
    });
  }

  async limit(identifier: string): Promise<RateLimitResult> {
    const result = await this.ratelimit.limit(identifier);
    if (result.reason === 'timeout') {
      getLogger({ component: 'ratelimit' }).warn({ prefix: this.options.prefix }, 'rate limit check timed out; allowed');
    }
    await result.pending;
    return { success: result.success, limit: result.limit, remaining: result.remaining, reset: result.reset };
  }

  reset(identifier: string): Promise<void> {
    return this.ratelimit.resetUsedTokens(identifier);
  }
}
