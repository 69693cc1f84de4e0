import { getLogger } from '@/lib/observability/logger';
import { assertNoOpenTransaction, isRedisUnavailable } from '@/lib/redis';
import type { RateLimiter, RateLimitResult } from './types';

const UNEXPECTED_LOG_EVERY_MS = 30_000;

/**
 * A Redis-backed limiter that never fails the request: while Redis is away (the Redis layer
 * logs that once) each process counts on its own with the same limit and window, so a flood is
 * still refused, only per process instead of cluster-wide. Any other limiter error is logged (at
 * most once per interval) and handled the same way.
 */
export class FailOpenLimiter implements RateLimiter {
  private lastUnexpectedLogAt = 0;

  constructor(
    private readonly prefix: string,
    private readonly shared: RateLimiter,
    private readonly local: RateLimiter,
  ) {}

  async limit(identifier: string): Promise<RateLimitResult> {
    assertNoOpenTransaction(`rate limit ${this.prefix}`);
    try {
      return await this.shared.limit(identifier);
    } catch (error) {
      this.noteUnexpected(error);
      return this.local.limit(identifier);
    }
  }

  async reset(identifier: string): Promise<void> {
    assertNoOpenTransaction(`rate limit reset ${this.prefix}`);
    await this.local.reset(identifier);
    try {
      await this.shared.reset(identifier);
    } catch (error) {
      this.noteUnexpected(error);
    }
  }

  private noteUnexpected(error: unknown): void {
    if (isRedisUnavailable(error)) return;
    const now = Date.now();
    if (now - this.lastUnexpectedLogAt < UNEXPECTED_LOG_EVERY_MS) return;
    this.lastUnexpectedLogAt = now;
    getLogger({ component: 'ratelimit' }).error({ err: error, prefix: this.prefix }, 'rate limit check failed; counted per process instead');
  }
}
