import type { RateLimiter, RateLimitResult } from './types';

/** Sweep idle identifiers every N calls so one-off IPs do not accumulate forever. */
const SWEEP_EVERY_CALLS = 1_000;

/**
 * Exact sliding window: a log of accepted request times per identifier, at most `limit` long.
 * JavaScript runs each call to completion, so concurrent callers in this process cannot race.
 */
export class MemorySlidingWindowLimiter implements RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private callsSinceSweep = 0;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async limit(identifier: string): Promise<RateLimitResult> {
    const now = this.now();
    this.maybeSweep(now);
    const log = this.live(identifier, now);
    const success = log.length < this.max;
    if (success) {
      log.push(now);
      this.hits.set(identifier, log);
    }
    const oldest = log[0];
    return {
      success,
      limit: this.max,
      remaining: this.max - log.length,
      reset: oldest === undefined ? now + this.windowMs : oldest + this.windowMs,
    };
  }

  async reset(identifier: string): Promise<void> {
    this.hits.delete(identifier);
  }

  private live(identifier: string, now: number): number[] {
    const log = this.hits.get(identifier) ?? [];
    const cutoff = now - this.windowMs;
    let expired = 0;
    while (expired < log.length && log[expired]! <= cutoff) expired += 1;
    if (expired) log.splice(0, expired);
    return log;
  }

  private maybeSweep(now: number): void {
    this.callsSinceSweep += 1;
    if (this.callsSinceSweep < SWEEP_EVERY_CALLS) return;
    this.callsSinceSweep = 0;
    const cutoff = now - this.windowMs;
    for (const [identifier, log] of this.hits) {
      const newest = log[log.length - 1];
      if (newest === undefined || newest <= cutoff) this.hits.delete(identifier);
    }
  }
}
