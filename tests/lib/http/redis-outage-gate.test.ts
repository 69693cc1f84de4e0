import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkDatabase } from '@/db/health';
import { resetEnvCache } from '@/lib/env';
import { closeKv } from '@/lib/redis';
import { closedPort, startFaultProxy, type FaultProxy } from '../../helpers/fault-proxy';
import { PASSWORD, userWithPassword } from '../auth/support/two-factor';

// The whole app with Redis away, as the fault run saw it: the request gate, readiness and
// a password sign-in. REDIS_URL points at a black hole (or a closed port) for this file.
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-forwarded-for': '10.9.9.9' }),
  cookies: async () => ({ get: () => undefined, set: () => {}, delete: () => {} }),
}));

const { middleware } = await import('@/middleware');
const { GET: ready } = await import('@/app/api/health/ready/route');
const { authorizePassword } = await import('@/lib/auth/password-sign-in');

const saved = { REDIS_URL: process.env.REDIS_URL, REDIS_TIMEOUT_MS: process.env.REDIS_TIMEOUT_MS };
let hole: FaultProxy;

async function pointRedisAt(url: string) {
  await closeKv();
  process.env.REDIS_URL = url;
  process.env.REDIS_TIMEOUT_MS = '150';
  resetEnvCache();
}

function randomIp() {
  return `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
}

beforeAll(async () => {
  hole = await startFaultProxy(null, 'blackhole');
  // Opened before the clock starts: PGlite's first query (loading its copy) can take seconds on
  // a busy machine, which readiness would rightly call a database timeout. Redis is the subject.
  await checkDatabase();
});
afterAll(async () => {
  await closeKv();
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvCache();
  await hole.close();
});

describe.each([
  { name: 'black-holed', url: () => `redis://127.0.0.1:${hole.port}` },
  { name: 'refused', url: async () => `redis://127.0.0.1:${await closedPort()}` },
])('Redis $name', ({ url }) => {
  beforeAll(async () => pointRedisAt(await url()));

  it('the middleware gate answers normally (the coarse limit fails open) within about the timeout', async () => {
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const response = await middleware(new NextRequest('http://localhost:3000/pricing', { headers: { 'x-forwarded-for': randomIp() } }));
      expect(performance.now() - started).toBeLessThan(1_500);
      expect(response.status).toBe(200);
      expect(response.headers.get('x-middleware-next')).toBe('1');
      expect(response.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('readiness answers 200 "degraded" with redis down, and names no host or port', async () => {
    const response = await ready(new Request('http://localhost:3000/api/health/ready'));
    const body = await response.json();
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ status: 'degraded', checks: { database: { ok: true }, redis: { ok: false, status: 'down', backend: 'redis' } } });
    // A host:port anywhere (a latency figure like "latencyMs":1954 is not one).
    expect(JSON.stringify(body)).not.toMatch(/127\.0\.0\.1|[a-z0-9.-]+:\d{2,5}/i);
  });

  it('a password sign-in works, and a wrong password is still refused', async () => {
    const user = await userWithPassword();
    const request = () => new Request('http://localhost/api/auth/callback/credentials', { method: 'POST', headers: { 'x-forwarded-for': randomIp() } });
    expect(await authorizePassword({ email: user.email, password: 'not the password' }, request())).toBeNull();
    expect(await authorizePassword({ email: user.email, password: PASSWORD }, request())).toMatchObject({ id: user.id });
  });
});
