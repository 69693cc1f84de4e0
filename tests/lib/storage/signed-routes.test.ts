import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/storage/download/route';
import { PUT } from '@/app/api/storage/upload/route';
import { resetEnvCache } from '@/lib/env';
import { resetStorage, storage, tenantKey } from '@/lib/storage';
import { config as middlewareConfig } from '@/middleware';

// The route handlers as Next calls them, on the process-wide store chosen from env.
vi.hoisted(() => {
  process.env.ENCRYPTION_KEY = 'ef'.repeat(32);
  process.env.AUTH_SECRET = 'signed-routes-test-secret-0123456789';
  for (const name of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) delete process.env[name];
});

const tenant = randomUUID();
let directory = '';

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'tessera-storage-routes-'));
  process.env.STORAGE_DIR = directory;
  resetEnvCache();
  resetStorage();
});
afterAll(async () => {
  resetStorage();
  await rm(directory, { recursive: true, force: true });
});

/** A chunked body (no Content-Length) that records how much of it was read. */
function chunked(total: number, chunk = 65_536): { body: ReadableStream<Uint8Array>; pulled: () => number; digest: () => string } {
  let sent = 0;
  const hash = createHash('sha256');
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(chunk, total - sent);
      const bytes = new Uint8Array(size).map((_, i) => (sent + i) % 251);
      sent += size;
      hash.update(bytes);
      controller.enqueue(bytes);
    },
  });
  return { body, pulled: () => sent, digest: () => hash.digest('hex') };
}

function put(url: string, body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string> = {}): Request {
  return new Request(url, { method: 'PUT', headers, body, duplex: 'half' } as RequestInit);
}

async function sha256(body: ReadableStream<Uint8Array> | null): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
  return hash.digest('hex');
}

describe('GET /api/storage/download', () => {
  it('streams the object under its stored name and type', async () => {
    const key = tenantKey(tenant, 'exports', 'privacy.zip');
    await storage().put(key, 'PK-zip-bytes', { contentType: 'application/zip', filename: 'tessera-export.zip' });
    const url = await storage().signedDownloadUrl(key, { expiresInSeconds: 60 });
    expect(url.startsWith('http://localhost:3000/api/storage/download?')).toBe(true);
    const response = await GET(new Request(url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="tessera-export.zip"; filename*=UTF-8''tessera-export.zip`);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await response.text()).toBe('PK-zip-bytes');
  });

  it('answers 404 for a signed link whose object is gone, 403 for an unsigned or guessed one', async () => {
    const key = tenantKey(tenant, 'exports', 'deleted.zip');
    await storage().put(key, 'x');
    const url = await storage().signedDownloadUrl(key, { expiresInSeconds: 60 });
    await storage().delete(key);
    const gone = await GET(new Request(url));
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.code).toBe('not_found');

    expect((await GET(new Request('http://localhost:3000/api/storage/download'))).status).toBe(403);
    const guessed = new URL('http://localhost:3000/api/storage/download');
    guessed.searchParams.set('key', tenantKey(tenant, 'exports', 'privacy.zip'));
    guessed.searchParams.set('exp', String(Math.floor(Date.now() / 1000) + 60));
    guessed.searchParams.set('sig', 'v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const refused = await GET(new Request(guessed));
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toEqual({ code: 'forbidden', message: 'This link is not valid.' });
  });

  it('refuses a link after its expiry with a clear message', async () => {
    const key = tenantKey(tenant, 'exports', 'old.zip');
    await storage().put(key, 'x');
    const url = await storage().signedDownloadUrl(key, { expiresInSeconds: 60 });
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ['Date'] });
    try {
      const response = await GET(new Request(url));
      expect(response.status).toBe(403);
      expect((await response.json()).error.message).toBe('This link has expired. Ask for a new one.');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('PUT /api/storage/upload', () => {
  it('streams a 6 MiB chunked upload to disk within the signed limit', async () => {
    const key = tenantKey(tenant, 'uploads', 'candles.csv');
    const target = await storage().signedUploadTarget(key, { expiresInSeconds: 60, contentType: 'text/csv', maxBytes: 8 * 1_048_576 });
    const source = chunked(6 * 1_048_576);
    const response = await PUT(put(target.url, source.body, target.headers));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ key, size: 6 * 1_048_576 });
    const stored = await storage().get(key);
    expect(stored?.object.contentType).toBe('text/csv');
    expect(await sha256(Readable.toWeb(stored!.body) as ReadableStream<Uint8Array>)).toBe(source.digest());
  });

  it('answers 413 once a chunked body passes the signed limit, and stops reading it', async () => {
    const key = tenantKey(tenant, 'uploads', 'huge.bin');
    const target = await storage().signedUploadTarget(key, { expiresInSeconds: 60, maxBytes: 1_048_576 });
    const source = chunked(64 * 1_048_576);
    const response = await PUT(put(target.url, source.body, target.headers));
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe('payload_too_large');
    expect(source.pulled()).toBeLessThan(4 * 1_048_576);
    expect(await storage().head(key)).toBeNull();
    // The partial temp file went with the refusal.
    expect(await readdir(path.join(directory, 'tmp'))).toEqual([]);
  });

  it('refuses a declared length past the limit before reading any of the body', async () => {
    const key = tenantKey(tenant, 'uploads', 'declared.bin');
    const target = await storage().signedUploadTarget(key, { expiresInSeconds: 60, maxBytes: 1_000 });
    const source = chunked(5_000);
    const request = put(target.url, source.body, { 'content-length': '5000' });
    const response = await PUT(request);
    expect(response.status).toBe(413);
    expect(source.pulled()).toBeLessThanOrEqual(65_536);
    expect(await storage().head(key)).toBeNull();
  });

  it('refuses another content type than the signed one', async () => {
    const key = tenantKey(tenant, 'uploads', 'shot.png');
    const target = await storage().signedUploadTarget(key, { expiresInSeconds: 60, contentType: 'image/png', maxBytes: 1_000 });
    const response = await PUT(put(target.url, 'not an image', { 'content-type': 'text/html' }));
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toBe('This upload must be sent as image/png.');
    expect(await storage().head(key)).toBeNull();
    expect((await PUT(put(target.url, 'png bytes', { 'content-type': 'image/png; charset=binary' }))).status).toBe(201);
  });

  it('holds an announced exact size: shorter or longer bodies are refused', async () => {
    const key = tenantKey(tenant, 'uploads', 'exact.bin');
    const target = await storage().signedUploadTarget(key, { expiresInSeconds: 60, maxBytes: 1_000, size: 10 });
    expect((await PUT(put(target.url, chunked(9).body))).status).toBe(400);
    expect((await PUT(put(target.url, chunked(11).body))).status).toBe(400);
    expect(await storage().head(key)).toBeNull();
    expect((await PUT(put(target.url, chunked(10).body))).status).toBe(201);
  });

  it('refuses a target whose limit was raised or key swapped after signing', async () => {
    const key = tenantKey(tenant, 'uploads', 'small.bin');
    const target = new URL((await storage().signedUploadTarget(key, { expiresInSeconds: 60, maxBytes: 10 })).url);
    const raised = new URL(target);
    raised.searchParams.set('max', '10000000');
    expect((await PUT(put(raised.toString(), 'x'.repeat(100)))).status).toBe(403);
    const swapped = new URL(target);
    swapped.searchParams.set('key', tenantKey(randomUUID(), 'uploads', 'small.bin'));
    expect((await PUT(put(swapped.toString(), 'x'))).status).toBe(403);
  });
});

describe('with S3 configured', () => {
  it('both routes answer 404: presigned URLs go to the bucket instead', async () => {
    Object.assign(process.env, { S3_BUCKET: 'b', S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: 'a', S3_SECRET_ACCESS_KEY: 's' });
    resetEnvCache();
    resetStorage();
    try {
      expect(storage().backend).toBe('s3');
      expect((await GET(new Request('http://localhost:3000/api/storage/download?key=x'))).status).toBe(404);
      expect((await PUT(put('http://localhost:3000/api/storage/upload?key=x', 'x'))).status).toBe(404);
    } finally {
      for (const name of ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY']) delete process.env[name];
      resetEnvCache();
      resetStorage();
    }
  });
});

describe('middleware matcher', () => {
  // Next anchors each matcher as a whole-path regular expression.
  const gated = (pathname: string) => middlewareConfig.matcher.some((pattern) => new RegExp(`^${pattern}$`).test(pathname));

  it('skips the upload route (its body must not be buffered and cut) but still gates downloads', () => {
    expect(gated('/api/storage/upload')).toBe(false);
    expect(gated('/api/storage/download')).toBe(true);
    expect(gated('/api/v1/anything')).toBe(true);
  });
});
