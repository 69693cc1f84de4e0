import type { NextConfig } from 'next';
import { describe, expect, it } from 'vitest';
import { ACTION_BODY_LIMIT_BYTES, bodyExceedsLimit, bodyLimitFor, countBodyBytes, PROXY_BODY_CLONE_BYTES } from '@/lib/http/body-limit';
import { envSchema } from '@/lib/env/schema';

/** A body in `chunks` pieces of `size` bytes, with no length known in advance (as chunked transfer). */
export function chunkedBody(chunks: number, size: number, onPull?: () => void): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      onPull?.();
      if (sent === chunks) return controller.close();
      sent++;
      controller.enqueue(new Uint8Array(size).fill(97));
    },
  });
}

describe('countBodyBytes', () => {
  it('counts a body within the limit to its end', async () => {
    expect(await countBodyBytes(chunkedBody(16, 1024), 16 * 1024)).toEqual({ withinLimit: true, bytes: 16 * 1024 });
    expect(await countBodyBytes(null, 10)).toEqual({ withinLimit: true, bytes: 0 });
  });

  it('stops one chunk past the limit and cancels the rest', async () => {
    let pulls = 0;
    const result = await countBodyBytes(chunkedBody(8 * 1024, 1024, () => pulls++), 64 * 1024);
    expect(result).toEqual({ withinLimit: false, bytes: 65 * 1024 });
    expect(pulls).toBeLessThan(70);
  });

  it('holds at the exact boundary', async () => {
    expect((await countBodyBytes(chunkedBody(4, 256), 1024)).withinLimit).toBe(true);
    expect((await countBodyBytes(chunkedBody(4, 256), 1023)).withinLimit).toBe(false);
  });
});

describe('bodyExceedsLimit', () => {
  it('refuses a chunked 8 MiB body with no Content-Length', async () => {
    const request = new Request('http://app.test/api/v1/things', {
      method: 'POST',
      body: chunkedBody(128, 65_536),
      duplex: 'half',
    } as RequestInit);
    expect(request.headers.get('content-length')).toBeNull();
    expect(await bodyExceedsLimit(request, 1_048_576)).toBe(true);
  });

  it('refuses a body that lies about its length (bytes decide)', async () => {
    const request = new Request('http://app.test/api/v1/things', {
      method: 'POST',
      headers: { 'content-length': '10' },
      body: chunkedBody(32, 65_536),
      duplex: 'half',
    } as RequestInit);
    expect(await bodyExceedsLimit(request, 1_048_576)).toBe(true);
  });

  it('refuses a declared oversized length without reading', async () => {
    const request = new Request('http://app.test/api/x', { method: 'POST', headers: { 'content-length': '2000000' } });
    expect(await bodyExceedsLimit(request, 1_048_576)).toBe(true);
  });

  it('accepts a body at the limit', async () => {
    const request = new Request('http://app.test/api/x', { method: 'POST', body: new Uint8Array(1_048_576) });
    expect(await bodyExceedsLimit(request, 1_048_576)).toBe(false);
  });
});

describe('bodyLimitFor', () => {
  it('API routes get the API limit, everything else with a body the action limit, reads none', () => {
    expect(bodyLimitFor({ method: 'POST', pathname: '/api/v1/x' }, 2048)).toBe(2048);
    expect(bodyLimitFor({ method: 'PUT', pathname: '/api/inngest' }, 2048)).toBe(2048);
    expect(bodyLimitFor({ method: 'POST', pathname: '/w/demo/settings' }, 2048)).toBe(ACTION_BODY_LIMIT_BYTES);
    expect(bodyLimitFor({ method: 'GET', pathname: '/api/v1/x' }, 2048)).toBeNull();
    expect(bodyLimitFor({ method: 'HEAD', pathname: '/' }, 2048)).toBeNull();
  });

  it('every limit stays below the copy Next hands middleware (a cut body always reads as too large)', () => {
    const apiLimit = envSchema.shape.API_BODY_LIMIT_BYTES;
    expect(apiLimit.safeParse(String(PROXY_BODY_CLONE_BYTES - 1_048_576)).success).toBe(true);
    expect(apiLimit.safeParse(String(PROXY_BODY_CLONE_BYTES)).success).toBe(false);
    expect(ACTION_BODY_LIMIT_BYTES).toBeLessThan(PROXY_BODY_CLONE_BYTES);
  });

  it('next.config.mjs sets the clone size and a server-action limit above the middleware one', async () => {
    const configPath: string = '../../../next.config.mjs';
    const { default: nextConfig } = (await import(configPath)) as { default: NextConfig };
    expect(nextConfig.experimental?.proxyClientMaxBodySize).toBe(PROXY_BODY_CLONE_BYTES);
    const actionLimit = nextConfig.experimental?.serverActions?.bodySizeLimit;
    expect(typeof actionLimit === 'number' ? actionLimit : 0).toBeGreaterThan(ACTION_BODY_LIMIT_BYTES);
  });
});
