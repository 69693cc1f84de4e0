import { describe, expect, it } from 'vitest';
import { MemorySlidingWindowLimiter } from '@/lib/ratelimit/memory-limiter';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('MemorySlidingWindowLimiter', () => {
  it('frees capacity exactly when the oldest request leaves the window', async () => {
    const c = clock();
    const limiter = new MemorySlidingWindowLimiter(2, 1_000, c.now);
    expect((await limiter.limit('a')).success).toBe(true);
    c.advance(400);
    expect((await limiter.limit('a')).success).toBe(true);
    const blocked = await limiter.limit('a');
    expect(blocked).toMatchObject({ success: false, remaining: 0, reset: 1_001_000 });
    c.advance(599);
    expect((await limiter.limit('a')).success).toBe(false);
    c.advance(1);
    expect((await limiter.limit('a')).success).toBe(true);
    expect((await limiter.limit('a')).success).toBe(false);
  });

  it('does not count rejected requests against the window', async () => {
    const c = clock();
    const limiter = new MemorySlidingWindowLimiter(1, 1_000, c.now);
    await limiter.limit('a');
    for (let i = 0; i < 5; i++) {
      c.advance(100);
      await limiter.limit('a');
    }
    c.advance(500);
    expect((await limiter.limit('a')).success).toBe(true);
  });
});
