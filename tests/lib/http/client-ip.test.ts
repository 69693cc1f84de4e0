import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientIp, ipBucket, normalizeIp, resolveClientIp, UNKNOWN_IP, type ClientIpConfig } from '@/lib/http/client-ip';
import { peerAddressHeader } from '@/lib/http/peer-address';
import { installPeerAddressStamp } from '@/lib/http/peer-stamp';

// tests/setup/per-file.ts plays one trusted proxy (xff, 1 hop) so other tests can pick an IP;
// this file checks the production default. env() is parsed on first use, after this line.
vi.hoisted(() => {
  process.env.CLIENT_IP_SOURCE = 'socket';
  process.env.TRUSTED_PROXY_HOPS = '0';
});

const PEER = 'x-test-peer';
const socket: ClientIpConfig = { source: 'socket', trustedHops: 0, peerHeader: PEER };
const xff = (trustedHops: number): ClientIpConfig => ({ source: 'xff', trustedHops, peerHeader: PEER });
const vercel: ClientIpConfig = { source: 'vercel', trustedHops: 0 };

function headers(values: Record<string, string>): Headers {
  return new Headers(values);
}

describe('resolveClientIp', () => {
  it('socket: a spoofed X-Forwarded-For or X-Real-IP never changes the address', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      seen.add(
        resolveClientIp(
          headers({ [PEER]: '198.51.100.7', 'x-forwarded-for': `10.0.${i}.1, 203.0.113.${i}`, 'x-real-ip': `192.0.2.${i}` }),
          socket,
        ),
      );
    }
    expect([...seen]).toEqual(['198.51.100.7']);
  });

  it('socket: no stamp means no client IP, whatever the headers claim', () => {
    expect(resolveClientIp(headers({ 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9' }), socket)).toBe(UNKNOWN_IP);
    expect(resolveClientIp(headers({ 'x-forwarded-for': '203.0.113.9' }), { ...socket, peerHeader: undefined })).toBe(UNKNOWN_IP);
  });

  it('xff: reads right to left through the trusted hops', () => {
    // client → our proxy A (appends client) → our proxy B (appends A) → app
    const h = headers({ [PEER]: '10.0.0.2', 'x-forwarded-for': '6.6.6.6, 203.0.113.5, 10.0.0.1' });
    expect(resolveClientIp(h, xff(0))).toBe('10.0.0.2');
    expect(resolveClientIp(h, xff(1))).toBe('10.0.0.1');
    expect(resolveClientIp(h, xff(2))).toBe('203.0.113.5');
    // The left part is whatever the client wrote: only believed with a hop count that says so.
    expect(resolveClientIp(h, xff(3))).toBe('6.6.6.6');
  });

  it('xff: a client prepending entries does not move the address our proxy appended', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const spoofed = Array.from({ length: i }, (_, j) => `10.9.${i}.${j}`).join(', ');
      const chain = spoofed ? `${spoofed}, 203.0.113.5` : '203.0.113.5';
      seen.add(resolveClientIp(headers({ [PEER]: '10.0.0.1', 'x-forwarded-for': chain }), xff(1)));
    }
    expect([...seen]).toEqual(['203.0.113.5']);
  });

  it('xff: a chain shorter than the hops (the proxies were bypassed) or a garbage entry is unknown', () => {
    expect(resolveClientIp(headers({ [PEER]: '203.0.113.5' }), xff(1))).toBe(UNKNOWN_IP);
    expect(resolveClientIp(headers({ 'x-forwarded-for': '203.0.113.5' }), xff(2))).toBe(UNKNOWN_IP);
    expect(resolveClientIp(headers({ 'x-forwarded-for': 'not-an-ip' }), xff(1))).toBe(UNKNOWN_IP);
  });

  it('vercel: the platform headers, not X-Forwarded-For', () => {
    expect(
      resolveClientIp(headers({ 'x-vercel-forwarded-for': '203.0.113.8', 'x-real-ip': '203.0.113.9', 'x-forwarded-for': '6.6.6.6' }), vercel),
    ).toBe('203.0.113.8');
    expect(resolveClientIp(headers({ 'x-real-ip': '203.0.113.9', 'x-forwarded-for': '6.6.6.6' }), vercel)).toBe('203.0.113.9');
    expect(resolveClientIp(headers({ 'x-forwarded-for': '6.6.6.6' }), vercel)).toBe(UNKNOWN_IP);
  });
});

describe('normalizeIp and ipBucket', () => {
  it('normalizes ports, brackets, zones and IPv4-mapped addresses; rejects non-addresses', () => {
    expect(normalizeIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeIp('203.0.113.5:4711')).toBe('203.0.113.5');
    expect(normalizeIp('[2001:DB8::1]:443')).toBe('2001:db8::1');
    expect(normalizeIp('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeIp('unknown')).toBeUndefined();
    expect(normalizeIp('')).toBeUndefined();
    expect(normalizeIp('1.2.3.4, 5.6.7.8')).toBeUndefined();
  });

  it('buckets IPv6 by /64 and leaves IPv4 alone', () => {
    expect(ipBucket('203.0.113.5')).toBe('203.0.113.5');
    expect(ipBucket('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(ipBucket('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(ipBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipBucket('::1')).toBe('0:0:0:0::/64');
  });
});

describe('the socket stamp through a real HTTP server', () => {
  let server: http.Server;
  let port = 0;
  let seen: Record<string, string | string[] | undefined> = {};
  let name = '';

  beforeAll(async () => {
    name = installPeerAddressStamp();
    server = http.createServer((req, res) => {
      seen = { ...req.headers };
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  async function send(extra: Record<string, string>): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/', headers: extra }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('is installed once, under a per-process random name', () => {
    expect(name).toMatch(/^x-tessera-peer-[0-9a-f]{24}$/);
    expect(installPeerAddressStamp()).toBe(name);
    expect(peerAddressHeader()).toBe(name);
  });

  it('gives clientIp() the socket address, whatever X-Forwarded-For, X-Real-IP or a forged stamp say', async () => {
    await send({ 'x-forwarded-for': '6.6.6.6', 'x-real-ip': '7.7.7.7', [name]: '8.8.8.8' });
    const list = new Headers();
    for (const [key, value] of Object.entries(seen)) if (typeof value === 'string') list.set(key, value);
    expect(list.get(name)).toBe('127.0.0.1');
    // This file runs with CLIENT_IP_SOURCE=socket (the default outside tests; see the top).
    expect(clientIp(list)).toBe('127.0.0.1');
  });
});
