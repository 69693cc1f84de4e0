import { NextRequest } from 'next/server';
import { encode } from 'next-auth/jwt';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { closeDatabase } from '@/db/client';
import { DatabaseUnavailableError, withSystem } from '@/db/tenant';
import { env } from '@/lib/env';
import { captureLogs } from '../helpers/captured-logs';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy';

// Postgres behind a proxy that can black-hole or refuse, as the fault run paused it.
const original = process.env.DATABASE_URL;
const DEADLINE_MS = 1_500;

// auth() reads the request through next/headers, which Next provides per request; here, the one being sent.
const incoming = vi.hoisted(() => ({ headers: new Headers() }));
vi.mock('next/headers', () => ({
  headers: async () => incoming.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} }),
}));

const { middleware: gate } = await import('@/middleware');
function middleware(request: NextRequest) {
  incoming.headers = new Headers({ ...Object.fromEntries(request.headers), host: 'localhost:3000', 'x-forwarded-proto': 'http' });
  return gate(request);
}
const { GET: ready } = await import('@/app/api/health/ready/route');

async function sessionCookie(): Promise<string> {
  const salt = 'authjs.session-token';
  const token = await encode({ token: { uid: crypto.randomUUID(), sid: crypto.randomUUID(), tv: 0 }, secret: env().AUTH_SECRET, salt });
  return `${salt}=${token}`;
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

const ping = () => withSystem('test: ping', (tx) => tx.execute(sql`select 1`));

describe.skipIf(!original)('Postgres outage behind a proxy (DATABASE_URL)', () => {
  let proxy: FaultProxy;
  let logs: ReturnType<typeof captureLogs>;
  let hidden: string[];

  beforeAll(async () => {
    const target = new URL(original!);
    proxy = await startFaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
    hidden = [target.host, `${target.hostname}:${target.port || 5432}`, String(proxy.port)];
    await closeDatabase();
    const proxied = new URL(original!);
    proxied.host = `127.0.0.1:${proxy.port}`;
    process.env.DATABASE_URL = proxied.toString();
    process.env.DATABASE_REQUEST_DEADLINE_MS = String(DEADLINE_MS);
    // Connecting cold (TLS-less SCRAM, type fetch) can take a while on a busy machine: warm the pool up first.
    for (let i = 0; i < 5; i++) if (await ping().then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 1_100));
    await ping();
    logs = captureLogs();
  });
  afterAll(async () => {
    logs.restore();
    proxy.set('open');
    await closeDatabase();
    process.env.DATABASE_URL = original;
    delete process.env.DATABASE_REQUEST_DEADLINE_MS;
    await proxy.close();
  });

  it('black-holed: a signed-in page answers 503 within the deadline, not a redirect to sign-in', async () => {
    proxy.set('blackhole');
    const { value: response, ms } = await timed(() =>
      middleware(new NextRequest('http://localhost:3000/w/demo', { headers: { 'x-forwarded-for': '10.7.7.7' } })),
    );
    // Without a cookie there is no session to check: the sign-in redirect is right.
    expect(response.status).toBe(307);
    const withCookie = await timed(async () =>
      middleware(new NextRequest('http://localhost:3000/w/demo', { headers: { cookie: await sessionCookie(), 'x-forwarded-for': '10.7.7.8' } })),
    );
    expect(withCookie.ms).toBeLessThan(DEADLINE_MS + 1_500);
    expect(withCookie.value.status).toBe(503);
    expect(withCookie.value.headers.get('location')).toBeNull();
    expect(withCookie.value.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(withCookie.value.headers.get('x-request-id')).toBeTruthy();
    expect(withCookie.value.headers.get('content-security-policy')).toContain("default-src 'self'");
    const page = await withCookie.value.text();
    expect(page).toContain('temporarily unavailable');
    expect(page).toContain(withCookie.value.headers.get('x-request-id')!);
    expect(ms).toBeLessThan(DEADLINE_MS + 1_500);
  });

  it('while it is down, pages and APIs answer 503 at once (no waiting), the API as JSON', async () => {
    const page = await timed(() => middleware(new NextRequest('http://localhost:3000/sign-in', { headers: { 'x-forwarded-for': '10.7.7.9' } })));
    expect(page.value.status).toBe(503);
    expect(page.ms).toBeLessThan(500);
    const api = await middleware(new NextRequest('http://localhost:3000/api/v1/things', { headers: { 'x-forwarded-for': '10.7.7.10' } }));
    expect(api.status).toBe(503);
    expect(await api.json()).toMatchObject({ error: { code: 'unavailable' } });
    // Pages that need no database keep serving.
    expect((await middleware(new NextRequest('http://localhost:3000/pricing', { headers: { 'x-forwarded-for': '10.7.7.11' } }))).status).toBe(200);
    await expect(ping()).rejects.toBeInstanceOf(DatabaseUnavailableError);
  });

  it('readiness answers 503 with a generic reason, never the driver text with host:port', async () => {
    const response = await ready(new Request('http://localhost:3000/api/health/ready'));
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'error', checks: { database: { ok: false, error: 'unavailable' } } });
    for (const secret of hidden) expect(text).not.toContain(secret);
  });

  it('logs the outage once and the recovery once; un-paused, requests succeed again', async () => {
    proxy.set('open');
    let ok = false;
    for (let i = 0; i < 30 && !ok; i++) {
      await new Promise((r) => setTimeout(r, 200));
      ok = await ping().then(() => true, () => false);
    }
    expect(ok).toBe(true);
    // The gate lets one probe a second through while it believes the database down: on a busy
    // machine the first readiness check after recovery can still land before that probe.
    let response = await ready(new Request('http://localhost:3000/api/health/ready'));
    for (let i = 0; i < 15 && response.status !== 200; i++) {
      await new Promise((r) => setTimeout(r, 200));
      response = await ready(new Request('http://localhost:3000/api/health/ready'));
    }
    expect(response.status).toBe(200);
    expect(logs.messages('database unavailable: requests answer 503 until it is back')).toHaveLength(1);
    expect(logs.messages('database recovered')).toHaveLength(1);
  });

  it('refused: fails fast with DatabaseUnavailableError, and recovers', async () => {
    proxy.set('refuse');
    const { ms } = await timed(() => expect(ping()).rejects.toBeInstanceOf(DatabaseUnavailableError));
    expect(ms).toBeLessThan(DEADLINE_MS + 1_500);
    proxy.set('open');
    let ok = false;
    for (let i = 0; i < 30 && !ok; i++) {
      await new Promise((r) => setTimeout(r, 200));
      ok = await ping().then(() => true, () => false);
    }
    expect(ok).toBe(true);
  });
});
