import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { confirmUpload, StorageKeyError, tenantKey, type FileStorage } from '@/lib/storage';
import { LocalFileStorage } from '@/lib/storage/local';
import { receiveSignedUpload, serveSignedDownload } from '@/lib/storage/local-routes';
import { S3FileStorage } from '@/lib/storage/s3';
import { startLocalS3, type LocalS3 } from '../../helpers/local-s3';

vi.hoisted(() => {
  process.env.ENCRYPTION_KEY = 'ab'.repeat(32);
  process.env.AUTH_SECRET = 'storage-contract-test-secret-0123456789';
});

const APP_URL = 'http://localhost:3000';

type Backend = {
  name: 'local' | 's3';
  store: FileStorage;
  /** s3rver checks a presigned URL's expiry but not its signature, content type or length (AWS does). */
  checksSignatures: boolean;
  close: () => Promise<void>;
};

async function localBackend(): Promise<Backend> {
  const directory = await mkdtemp(path.join(tmpdir(), 'tessera-storage-'));
  return {
    name: 'local',
    store: new LocalFileStorage(directory, APP_URL),
    checksSignatures: true,
    close: () => rm(directory, { recursive: true, force: true }),
  };
}

async function s3Backend(): Promise<Backend> {
  const server: LocalS3 = await startLocalS3();
  const store = new S3FileStorage(server.settings);
  return {
    name: 's3',
    store,
    checksSignatures: false,
    close: async () => {
      store.destroy();
      await server.close();
    },
  };
}

/** A signed URL is opened as a browser would: the app's own routes for local, the bucket for S3. */
async function open(backend: Backend, url: string, init: RequestInit = {}): Promise<Response> {
  if (!url.startsWith(APP_URL)) return fetch(url, init);
  const request = new Request(url, { ...init, ...(init.body ? { duplex: 'half' } : {}) } as RequestInit);
  return request.method === 'PUT' ? receiveSignedUpload(request, backend.store) : serveSignedDownload(request, backend.store);
}

// Deterministic bytes in 64 KiB chunks, hashed as they are produced: nothing holds the whole body.
function generated(total: number): { stream: Readable; digest: () => string } {
  const hash = createHash('sha256');
  let sent = 0;
  let seed = 7;
  const stream = new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const chunk = Buffer.alloc(Math.min(65_536, total - sent));
      for (let i = 0; i < chunk.length; i++) {
        seed = (seed * 1_103_515_245 + 12_345) >>> 0;
        chunk[i] = seed >>> 24;
      }
      sent += chunk.length;
      hash.update(chunk);
      this.push(chunk);
    },
  });
  return { stream, digest: () => hash.digest('hex') };
}

async function digestOf(body: Readable | ReadableStream<Uint8Array>): Promise<{ digest: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { digest: hash.digest('hex'), bytes };
}

async function text(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each([
  ['local', localBackend],
  ['s3', s3Backend],
] as const)('file storage contract: %s backend', (name, make) => {
  let backend: Backend;
  let store: FileStorage;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  beforeAll(async () => {
    backend = await make();
    store = backend.store;
  });
  afterAll(async () => {
    await backend?.close();
  });

  it('reports its backend', () => {
    expect(store.backend).toBe(name);
  });

  it('streams a binary object over 5 MB in and out unchanged', async () => {
    const key = tenantKey(tenantA, 'uploads', 'big.bin');
    const source = generated(6 * 1024 * 1024 + 123);
    const stored = await store.put(key, source.stream, { contentType: 'application/octet-stream' });
    expect(stored).toMatchObject({ key, size: 6 * 1024 * 1024 + 123 });
    const got = await store.get(key);
    expect(got).not.toBeNull();
    expect(got!.object).toMatchObject({ key, size: 6 * 1024 * 1024 + 123, contentType: 'application/octet-stream' });
    const read = await digestOf(got!.body);
    expect(read).toEqual({ digest: source.digest(), bytes: 6 * 1024 * 1024 + 123 });
  });

  it('puts strings and bytes, heads them, and returns null for a missing key', async () => {
    const key = tenantKey(tenantA, 'exports', 'note.txt');
    await store.put(key, 'hello, storage', { contentType: 'text/plain' });
    const head = await store.head(key);
    expect(head).toMatchObject({ key, size: 14, contentType: 'text/plain' });
    expect(head!.lastModified).toBeInstanceOf(Date);
    expect(await text((await store.get(key))!.body)).toBe('hello, storage');

    const bytesKey = tenantKey(tenantA, 'exports', 'bytes.bin');
    await store.put(bytesKey, new Uint8Array([0, 255, 1, 254]));
    expect((await store.head(bytesKey))?.size).toBe(4);

    expect(await store.head(tenantKey(tenantA, 'exports', 'missing.txt'))).toBeNull();
    expect(await store.get(tenantKey(tenantA, 'exports', 'missing.txt'))).toBeNull();
  });

  it('overwrites an object in place', async () => {
    const key = tenantKey(tenantA, 'exports', 'again.txt');
    await store.put(key, 'first');
    await store.put(key, 'second, longer');
    expect(await text((await store.get(key))!.body)).toBe('second, longer');
  });

  it('lists by prefix, whole folders and partial names, within one tenant only', async () => {
    await store.put(tenantKey(tenantA, 'backups', '2026-01-01.dump'), 'a');
    await store.put(tenantKey(tenantA, 'backups', '2026-02-01.dump'), 'bb');
    await store.put(tenantKey(tenantA, 'backups', 'nested', 'x.dump'), 'ccc');
    await store.put(tenantKey(tenantB, 'backups', '2026-01-01.dump'), 'other tenant');

    const all = await store.list(`${tenantA}/backups/`);
    expect(all.map((o) => o.key)).toEqual([
      `${tenantA}/backups/2026-01-01.dump`,
      `${tenantA}/backups/2026-02-01.dump`,
      `${tenantA}/backups/nested/x.dump`,
    ]);
    expect(all.map((o) => o.size)).toEqual([1, 2, 3]);
    expect((await store.list(`${tenantA}/backups/2026-0`)).map((o) => o.key)).toEqual([
      `${tenantA}/backups/2026-01-01.dump`,
      `${tenantA}/backups/2026-02-01.dump`,
    ]);
    expect(await store.list(`${tenantA}/nothing-here/`)).toEqual([]);
  });

  it('deletes one object (a missing one is no error) and a whole prefix, counting what went', async () => {
    const key = tenantKey(tenantA, 'uploads', 'gone.txt');
    await store.put(key, 'x');
    await store.delete(key);
    expect(await store.head(key)).toBeNull();
    await expect(store.delete(key)).resolves.toBeUndefined();

    const purgeTenant = randomUUID();
    await store.put(tenantKey(purgeTenant, 'exports', 'a.zip'), 'a');
    await store.put(tenantKey(purgeTenant, 'uploads', 'deep', 'b.csv'), 'b');
    await store.put(tenantKey(tenantB, 'exports', 'keep.zip'), 'kept');
    expect(await store.deletePrefix(`${purgeTenant}/`)).toBe(2);
    expect(await store.list(`${purgeTenant}/`)).toEqual([]);
    expect(await store.head(tenantKey(tenantB, 'exports', 'keep.zip'))).not.toBeNull();
    expect(await store.deletePrefix(`${purgeTenant}/`)).toBe(0);
  });

  it('refuses keys and prefixes without a tenant segment, with traversal or odd characters', async () => {
    const bad = [
      'exports/file.zip',
      `/${tenantA}/exports/a`,
      `${tenantA}/../${tenantB}/exports/a`,
      `${tenantA}/exports/../../etc/passwd`,
      `${tenantA}/exports/.hidden`,
      `${tenantA}/exports/a b`,
      `${tenantA}/exports//a`,
      `${tenantA}`,
      `${tenantA.toUpperCase()}/exports/a`,
      'not-a-uuid/exports/a',
    ];
    for (const key of bad) {
      await expect(store.put(key, 'x'), key).rejects.toBeInstanceOf(StorageKeyError);
      await expect(store.get(key), key).rejects.toBeInstanceOf(StorageKeyError);
      await expect(store.head(key), key).rejects.toBeInstanceOf(StorageKeyError);
      await expect(store.delete(key), key).rejects.toBeInstanceOf(StorageKeyError);
      await expect(store.signedDownloadUrl(key, { expiresInSeconds: 60 }), key).rejects.toBeInstanceOf(StorageKeyError);
      await expect(store.signedUploadTarget(key, { expiresInSeconds: 60, maxBytes: 10 }), key).rejects.toBeInstanceOf(StorageKeyError);
    }
    // A partial tenant id or a bare one would reach other tenants' objects.
    for (const prefix of ['', tenantA.slice(0, 8), tenantA, `../${tenantA}/`, `${tenantA}/../`]) {
      await expect(store.list(prefix), prefix).rejects.toBeInstanceOf(StorageKeyError);
      await expect(store.deletePrefix(prefix), prefix).rejects.toBeInstanceOf(StorageKeyError);
    }
  });

  it('serves a signed download until it expires, with its name and type', async () => {
    const key = tenantKey(tenantA, 'exports', 'report.csv');
    await store.put(key, 'a,b\n1,2\n', { contentType: 'text/csv', filename: 'report.csv' });
    const url = await store.signedDownloadUrl(key, { expiresInSeconds: 60, filename: 'Résumé "Q1".csv' });
    // S3 dates a presigned URL to the whole second, so a 1 s link may live only a moment: its
    // refusal after expiry is checked, its use before is the 60 s link's.
    const short = await store.signedDownloadUrl(key, { expiresInSeconds: 1 });
    const response = await open(backend, url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-length')).toBe('8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="R_sum_ _Q1_.csv"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22Q1%22.csv`,
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(await response.text()).toBe('a,b\n1,2\n');

    await sleep(2_100);
    expect((await open(backend, url)).status).toBe(200);
    const late = await open(backend, short);
    expect(late.status).toBe(403);
    if (name === 'local') expect((await late.json()).error.message).toMatch(/expired/);
  });

  it.skipIf(name === 's3')('refuses a download with a tampered signature or a signature for another key', async () => {
    const mine = tenantKey(tenantA, 'exports', 'mine.txt');
    const theirs = tenantKey(tenantB, 'exports', 'theirs.txt');
    await store.put(mine, 'mine');
    await store.put(theirs, 'theirs');
    const url = new URL(await store.signedDownloadUrl(mine, { expiresInSeconds: 60 }));

    const tampered = new URL(url);
    const sig = tampered.searchParams.get('sig')!;
    tampered.searchParams.set('sig', `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`);
    expect((await open(backend, tampered.toString())).status).toBe(403);

    const otherKey = new URL(url);
    otherKey.searchParams.set('key', theirs);
    expect((await open(backend, otherKey.toString())).status).toBe(403);

    const longer = new URL(url);
    longer.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 3600));
    expect((await open(backend, longer.toString())).status).toBe(403);

    const guessed = new URL(url);
    guessed.searchParams.delete('sig');
    expect((await open(backend, guessed.toString())).status).toBe(403);

    expect((await open(backend, url.toString())).status).toBe(200);
  });

  it('accepts a PUT to an upload target within its limits', async () => {
    const key = tenantKey(tenantA, 'uploads', 'import.csv');
    const target = await store.signedUploadTarget(key, { expiresInSeconds: 60, contentType: 'text/csv', maxBytes: 1_000 });
    expect(target.method).toBe('PUT');
    expect(target.headers['Content-Type']).toBe('text/csv');
    expect(target.expiresAt.getTime()).toBeGreaterThan(Date.now() + 55_000);
    const response = await open(backend, target.url, { method: 'PUT', headers: target.headers, body: 'name,price\nwidget,100\n' });
    expect(response.status).toBeLessThan(300);
    const confirmed = await confirmUpload(store, key, { maxBytes: 1_000, contentType: 'text/csv' });
    expect(confirmed).toMatchObject({ key, size: 22, contentType: 'text/csv' });
    expect(await text((await store.get(key))!.body)).toBe('name,price\nwidget,100\n');
  });

  it('refuses an oversized upload: nothing is left once confirmed', async () => {
    const key = tenantKey(tenantA, 'uploads', 'too-big.bin');
    const target = await store.signedUploadTarget(key, { expiresInSeconds: 60, maxBytes: 1_000 });
    // Streamed without a length, as a chunked body arrives.
    const body = Readable.toWeb(generated(64 * 1024).stream) as ReadableStream<Uint8Array>;
    const response = await open(backend, target.url, { method: 'PUT', headers: target.headers, body, duplex: 'half' } as RequestInit);
    // Local refuses while streaming; a presigned S3 PUT cannot cap its size, so confirmUpload deletes it.
    if (name === 'local') expect(response.status).toBe(413);
    expect(await confirmUpload(store, key, { maxBytes: 1_000 })).toBeNull();
    expect(await store.head(key)).toBeNull();
  });

  it('deletes an upload of another content type than the one asked for', async () => {
    const key = tenantKey(tenantA, 'uploads', 'shot.png');
    await store.put(key, 'not a png', { contentType: 'text/plain' });
    expect(await confirmUpload(store, key, { maxBytes: 1_000, contentType: 'image/png' })).toBeNull();
    expect(await store.head(key)).toBeNull();
  });

  it('expires an upload target', async () => {
    const key = tenantKey(tenantA, 'uploads', 'late.txt');
    const target = await store.signedUploadTarget(key, { expiresInSeconds: 1, maxBytes: 100 });
    await sleep(2_100);
    const response = await open(backend, target.url, { method: 'PUT', headers: target.headers, body: 'late' });
    expect(response.status).toBe(403);
    expect(await store.head(key)).toBeNull();
  });

  it('refuses link lifetimes S3 cannot sign, sizes beyond the limit and overlong names', async () => {
    const key = tenantKey(tenantA, 'uploads', 'x.bin');
    await expect(store.signedDownloadUrl(key, { expiresInSeconds: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(store.signedDownloadUrl(key, { expiresInSeconds: 8 * 24 * 3600 })).rejects.toBeInstanceOf(RangeError);
    await expect(store.signedUploadTarget(key, { expiresInSeconds: 60, maxBytes: 10, size: 11 })).rejects.toBeInstanceOf(RangeError);
    await expect(store.signedUploadTarget(key, { expiresInSeconds: 60, maxBytes: 0 })).rejects.toBeInstanceOf(RangeError);
    await expect(store.signedDownloadUrl(key, { expiresInSeconds: 60, filename: 'x'.repeat(256) })).rejects.toBeInstanceOf(RangeError);
  });

  it.skipIf(name === 'local')('signs the content type and an announced exact size into the presigned PUT', async () => {
    const target = await store.signedUploadTarget(tenantKey(tenantA, 'uploads', 'exact.csv'), {
      expiresInSeconds: 60,
      contentType: 'text/csv',
      maxBytes: 100,
      size: 42,
    });
    expect(new URL(target.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(target.headers).toEqual({ 'Content-Type': 'text/csv', 'Content-Length': '42' });
  });
});
