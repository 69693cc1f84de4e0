import { describe, expect, it } from 'vitest';
import { rateLimitHeaders } from '@/lib/ratelimit/headers';

describe('rateLimitHeaders', () => {
  it('states limit, remaining and seconds to reset', () => {
    const headers = rateLimitHeaders({ success: true, limit: 10, remaining: 7, reset: 31_500 }, 1_000);
    expect(headers).toEqual({ 'RateLimit-Limit': '10', 'RateLimit-Remaining': '7', 'RateLimit-Reset': '31' });
  });

  it('adds Retry-After when the request was rejected', () => {
    const headers = rateLimitHeaders({ success: false, limit: 10, remaining: 0, reset: 1_200 }, 1_000);
    expect(headers['Retry-After']).toBe('1');
  });
});
