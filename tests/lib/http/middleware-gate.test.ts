import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { middleware } from '@/middleware';
import { installPeerAddressStamp } from '@/lib/http/peer-stamp';

// The middleware itself, called as Next calls it: what a chunked upload or a spoofed header meets.
// The production default (tests/setup/per-file.ts sets xff with one hop for the other tests).
vi.hoisted(() => {
  process.env.CLIENT_IP_SOURCE = 'socket';
  process.env.TRUSTED_PROXY_HOPS = '0';
});
let peer = '';
beforeAll(() => {
  peer = installPeerAddressStamp();
});

function chunked(total: number, chunk = 65_536): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(120));
    },
  });
}

function post(path: string, bytes: number, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(`http://localhost:3000${path}`, {
    method: 'POST',
    headers: { [peer]: '198.51.100.20', 'content-type': 'application/json', ...headers },
    body: chunked(bytes),
    duplex: 'half',
  } as ConstructorParameters<typeof NextRequest>[1]);
}

describe('middleware body limit (bytes, not Content-Length)', () => {
  it('answers 413 to a chunked 8 MiB body to /api/*', async () => {
    const request = post('/api/v1/anything', 8 * 1_048_576);
    expect(request.headers.get('content-length')).toBeNull();
    const response = await middleware(request);
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('payload_too_large');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('answers 413 to a 2 MiB server action', async () => {
    const response = await middleware(post('/sign-in', 2 * 1_048_576, { 'next-action': 'abc123', 'content-type': 'text/plain;charset=UTF-8' }));
    expect(response.status).toBe(413);
  });

  it('lets a body within the limit through to the handler', async () => {
    const response = await middleware(post('/api/v1/anything', 512 * 1024));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-middleware-next')).toBe('1');
  });
});

describe('middleware coarse limit keys on the trusted client IP', () => {
  it('a fresh X-Forwarded-For per request (or a fresh address in the same IPv6 /64) does not buy a fresh bucket', async () => {
    let limited = 0;
    const group = () => Math.floor(Math.random() * 0xffff).toString(16);
    const prefix = `2001:db8:${group()}:${group()}`;
    for (let i = 0; i < 620; i++) {
      const request = new NextRequest('http://localhost:3000/pricing', {
        headers: { [peer]: `${prefix}::${i.toString(16)}`, 'x-forwarded-for': `10.${i >> 8}.${i & 255}.1`, 'x-real-ip': `10.1.${i & 255}.2` },
      });
      const response = await middleware(request);
      if (response.status === 429) limited++;
    }
    expect(limited).toBe(20);
  });
});
