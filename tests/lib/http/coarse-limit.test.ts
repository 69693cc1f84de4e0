import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { LIMITS, limitCoarse } from '@/lib/ratelimit/limits';
import { middleware } from '@/middleware';

// Each test its own client address (tests play one trusted proxy: X-Forwarded-For is the client).
const address = () => `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
const PAGES = ['/pricing', '/', '/legal/terms', '/legal/privacy', '/sign-in'];

async function statuses(requests: NextRequest[]): Promise<number[]> {
  const out: number[] = [];
  for (const request of requests) out.push((await middleware(request)).status);
  return out;
}

const navigation = (ip: string, path: string) =>
  new NextRequest(`http://localhost:3000${path}?_rsc=a1b2c`, { headers: { 'x-forwarded-for': ip, rsc: '1', 'next-router-state-tree': '%5B%22%22%5D' } });
const prefetch = (ip: string, path: string) =>
  new NextRequest(`http://localhost:3000${path}?_rsc=p${Math.random().toString(36).slice(2, 6)}`, {
    headers: { 'x-forwarded-for': ip, rsc: '1', 'next-router-prefetch': '1', 'next-router-state-tree': '%5B%22%22%5D' },
  });
const document = (ip: string, path: string) => new NextRequest(`http://localhost:3000${path}`, { headers: { 'x-forwarded-for': ip, accept: 'text/html' } });

describe('the coarse per-IP limit', () => {
  it('never meets a person clicking through pages: 100 page views, each prefetching the dozen links it shows', async () => {
    const ip = address();
    // Faster than anyone clicks (all inside one window): a document, then client navigations,
    // each followed by the router prefetching the links on the new page.
    const requests = [document(ip, '/')];
    for (let click = 0; click < 100; click++) {
      requests.push(navigation(ip, PAGES[click % PAGES.length]!));
      for (let link = 0; link < 12; link++) requests.push(prefetch(ip, PAGES[(click + link) % PAGES.length]!));
    }
    const answered = await statuses(requests);
    expect(answered).toHaveLength(1 + 100 * 13);
    expect(answered.filter((s) => s === 429)).toHaveLength(0);
  });

  it('still stops a flood of page requests from one address', async () => {
    const ip = address();
    const answered = await statuses(Array.from({ length: LIMITS.coarse.limit + 40 }, () => document(ip, '/pricing')));
    expect(answered.filter((s) => s === 429)).toHaveLength(40);
  });

  it('and a flood marked as prefetches meets its own bound', async () => {
    const ip = address();
    let refused = 0;
    for (let i = 0; i < LIMITS.coarsePrefetch.limit + 25; i++) if (!(await limitCoarse(ip, 'prefetch')).success) refused++;
    expect(refused).toBe(25);
    expect((await middleware(prefetch(ip, '/pricing'))).status).toBe(429);
    // Its page-view budget is untouched by the prefetches.
    expect((await middleware(document(ip, '/pricing'))).status).toBe(200);
  });

  it('every counted response says where the budget stands, and a refusal when to come back', async () => {
    const ip = address();
    const first = await middleware(document(ip, '/pricing'));
    expect(first.headers.get('RateLimit-Limit')).toBe(String(LIMITS.coarse.limit));
    expect(first.headers.get('RateLimit-Remaining')).toBe(String(LIMITS.coarse.limit - 1));
    expect(Number(first.headers.get('RateLimit-Reset'))).toBeLessThanOrEqual(60);
    expect(first.headers.get('Retry-After')).toBeNull();
    for (let i = 1; i < LIMITS.coarse.limit; i++) await middleware(document(ip, '/pricing'));
    const refused = await middleware(document(ip, '/pricing'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('RateLimit-Remaining')).toBe('0');
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
  });
});
