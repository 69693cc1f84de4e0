import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLoadShedder, installLoadShedding, loadShedOptionsFromEnv, type LoadShedOptions } from '@/lib/http/load-shed';

type Held = { release: () => void };

/**
 * A real HTTP server whose requests are held until the test releases them: "slow requests" whose
 * duration the test decides, so nothing here depends on timing.
 */
async function slowServer(wrap: (handler: http.RequestListener) => http.RequestListener) {
  const held: Held[] = [];
  const arrived: Array<() => void> = [];
  const server = http.createServer(
    wrap((_request, response) => {
      held.push({ release: () => response.end('done') });
      arrived.shift()?.();
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push(server);
  return {
    base,
    held,
    /** Resolves once `n` requests are being handled (held). */
    handling: async (n: number) => {
      while (held.length < n) await new Promise<void>((resolve) => arrived.push(resolve));
    },
  };
}

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const options = (overrides: Partial<LoadShedOptions> = {}): LoadShedOptions => ({
  maxInFlight: 2,
  maxQueue: 1,
  maxQueueWaitMs: 60_000,
  retryAfterSeconds: 1,
  ...overrides,
});

function withShedder(shedOptions: LoadShedOptions) {
  const shedder = createLoadShedder(shedOptions);
  return { shedder, wrap: (handler: http.RequestListener): http.RequestListener => (req, res) => shedder.handle(req, res, () => handler(req, res)) };
}

// Each request on its own connection, as separate clients would send them.
const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers: { connection: 'close', ...headers } });

describe('load shedding: a bounded number in flight, a short queue, 503 beyond', () => {
  it('with 2 in flight and 1 queued, the excess gets 503 + Retry-After while the slow requests are still running', async () => {
    const { shedder, wrap } = withShedder(options());
    const server = await slowServer(wrap);
    const admitted = [get(`${server.base}/w/demo`), get(`${server.base}/w/demo`)];
    await server.handling(2);
    const queued = get(`${server.base}/w/demo`);
    while (shedder.stats().queued < 1) await new Promise((resolve) => setTimeout(resolve, 5));

    const page = await get(`${server.base}/w/demo`, { accept: 'text/html' });
    const api = await get(`${server.base}/api/v1/bots`);
    // Answered while both slow requests are held: refused at once, not after waiting for them.
    expect(server.held).toHaveLength(2);
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('1');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('x-request-id')).toBeTruthy();
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(await page.text()).toContain('busy');
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBe('1');
    expect((await api.json()).error.code).toBe('overloaded');
    expect(shedder.stats()).toEqual({ inFlight: 2, queued: 1, shed: 2 });

    // A slot frees: the queued request runs; nothing else was started.
    server.held[0]!.release();
    await server.handling(3);
    for (const h of server.held.slice(1)) h.release();
    const answers = await Promise.all([...admitted, queued]);
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it('health probes and static chunks are never shed', async () => {
    const { wrap } = withShedder(options({ maxInFlight: 1, maxQueue: 0 }));
    const server = await slowServer(wrap);
    const slow = get(`${server.base}/w/demo`);
    await server.handling(1);
    expect((await get(`${server.base}/w/demo`)).status).toBe(503);
    const probe = get(`${server.base}/api/health/ready`);
    const chunk = get(`${server.base}/_next/static/chunks/app.js`);
    await server.handling(3);
    for (const h of server.held) h.release();
    expect((await probe).status).toBe(200);
    expect((await chunk).status).toBe(200);
    expect((await slow).status).toBe(200);
  });

  it('a request that waited its whole allowance is refused, and its place freed', async () => {
    const { shedder, wrap } = withShedder(options({ maxInFlight: 1, maxQueue: 1, maxQueueWaitMs: 20 }));
    const server = await slowServer(wrap);
    const slow = get(`${server.base}/w/demo`);
    await server.handling(1);
    const waited = await get(`${server.base}/w/demo`);
    expect(server.held).toHaveLength(1);
    expect(waited.status).toBe(503);
    expect(waited.headers.get('retry-after')).toBe('1');
    expect(shedder.stats()).toMatchObject({ inFlight: 1, queued: 0 });
    server.held[0]!.release();
    expect((await slow).status).toBe(200);
    expect(shedder.stats()).toMatchObject({ inFlight: 0, queued: 0 });
  });

  it('installed on the server (as instrumentation.ts does), it guards every request of the process', async () => {
    const shedder = installLoadShedding(options({ maxInFlight: 1, maxQueue: 0 }));
    const server = await slowServer((handler) => handler);
    const slow = get(`${server.base}/w/demo`);
    await server.handling(1);
    expect((await get(`${server.base}/w/demo`)).status).toBe(503);
    server.held[0]!.release();
    expect((await slow).status).toBe(200);
    expect(shedder.stats().shed).toBe(1);
  });

  it('reads its limits from MAX_IN_FLIGHT, MAX_QUEUE and MAX_QUEUE_WAIT_MS', () => {
    expect(loadShedOptionsFromEnv({ MAX_IN_FLIGHT: '4', MAX_QUEUE: '8', MAX_QUEUE_WAIT_MS: '500' } as unknown as NodeJS.ProcessEnv)).toMatchObject({
      maxInFlight: 4,
      maxQueue: 8,
      maxQueueWaitMs: 500,
    });
    expect(loadShedOptionsFromEnv({ MAX_IN_FLIGHT: 'lots' } as unknown as NodeJS.ProcessEnv).maxInFlight).toBe(32);
  });
});
