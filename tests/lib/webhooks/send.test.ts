import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESPONSE_BODY_LIMIT, sendWebhookRequest } from '@/lib/webhooks/send';

let server: Server;
let port = 0;
const seen: Array<{ url: string; host: string | undefined; body: string }> = [];
let respond: (request: IncomingMessage, response: ServerResponse) => void = (_q, r) => r.end('ok');

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ url: request.url ?? '', host: request.headers.host, body: Buffer.concat(chunks).toString('utf8') });
      respond(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// A name that resolves nowhere: the request can only land here through the pinned address.
const target = (path = '/hook') => ({ url: new URL(`http://receiver.invalid:${port}${path}`), address: '127.0.0.1', family: 4 as const });

describe('sendWebhookRequest', () => {
  it('connects to the pinned address with the URL’s host in the Host header', async () => {
    seen.length = 0;
    respond = (_q, r) => r.writeHead(204).end();
    const outcome = await sendWebhookRequest(target(), { 'webhook-id': 'msg_1' }, '{"a":1}');
    expect(outcome).toMatchObject({ ok: true, status: 204, error: null });
    expect(seen).toEqual([{ url: '/hook', host: `receiver.invalid:${port}`, body: '{"a":1}' }]);
  });

  it('does not follow a redirect: a 3xx is a failure and nothing else is called', async () => {
    seen.length = 0;
    respond = (_q, r) => r.writeHead(307, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
    const outcome = await sendWebhookRequest(target(), {}, '{}');
    expect(outcome).toMatchObject({ ok: false, status: 307 });
    expect(seen.map((s) => s.url)).toEqual(['/hook']);
  });

  it('keeps only the first 2 KB of a response', async () => {
    respond = (_q, r) => r.writeHead(500).end('x'.repeat(50_000));
    const outcome = await sendWebhookRequest(target(), {}, '{}');
    expect(outcome).toMatchObject({ ok: false, status: 500 });
    expect(outcome.body).toHaveLength(RESPONSE_BODY_LIMIT);
  });

  it('gives up on a receiver that drips its answer past the deadline', async () => {
    respond = (_q, r) => {
      r.writeHead(200);
      const drip = setInterval(() => (r.destroyed ? clearInterval(drip) : r.write('.')), 50);
    };
    const outcome = await sendWebhookRequest(target(), {}, '{}', 400);
    expect(outcome).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/No response within/) });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(350);
  });

  it('reports a refused connection as a failure', async () => {
    const closed = { url: new URL('http://receiver.invalid:1/hook'), address: '127.0.0.1', family: 4 as const };
    expect(await sendWebhookRequest(closed, {}, '{}')).toMatchObject({ ok: false, status: null, error: expect.stringMatching(/ECONNREFUSED/) });
  });
});
