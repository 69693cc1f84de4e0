import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, assertStoragePrefix } from './keys';
import { signedDownloadLink, signedUploadLink } from './signed-links';
import type { FileStorage, PutOptions, SignedUrlOptions, StoredObject, UploadTarget, UploadTargetOptions } from './types';
import { checkFilename, checkUploadOptions, expiryFrom, uploadHeaders } from './upload-options';

/**
 * Zero-config storage: one file per object under `<root>/objects/<key>`, its content type and
 * download name in `<root>/meta/<key>.json` (a separate tree, so no key can collide with a
 * sidecar). Writes go to `<root>/tmp` and are renamed into place, so a reader never sees half a
 * file and a failed upload leaves nothing behind. Downloads and browser uploads go through the
 * app's signed routes (signed-links.ts).
 */

type Meta = { contentType?: string; filename?: string };

/** The body passed `limit` bytes while streaming in. */
export class UploadTooLargeError extends Error {
  constructor(public readonly limit: number) {
    super(`The upload is larger than ${limit} bytes.`);
    this.name = 'UploadTooLargeError';
  }
}

/** A declared exact size that the body did not match. */
export class UploadSizeMismatchError extends Error {
  constructor(public readonly expected: number, public readonly received: number) {
    super(`The upload was ${received} bytes; ${expected} were announced.`);
    this.name = 'UploadSizeMismatchError';
  }
}

export type WriteLimits = { maxBytes?: number; exactBytes?: number };

function byteCounter(limits: WriteLimits, counted: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      counted.bytes += chunk.length;
      if (limits.maxBytes !== undefined && counted.bytes > limits.maxBytes) return done(new UploadTooLargeError(limits.maxBytes));
      if (limits.exactBytes !== undefined && counted.bytes > limits.exactBytes) {
        return done(new UploadSizeMismatchError(limits.exactBytes, counted.bytes));
      }
      done(null, chunk);
    },
    flush(done) {
      if (limits.exactBytes !== undefined && counted.bytes !== limits.exactBytes) {
        return done(new UploadSizeMismatchError(limits.exactBytes, counted.bytes));
      }
      done();
    },
  });
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export class LocalFileStorage implements FileStorage {
  readonly backend = 'local' as const;
  private readonly objects: string;
  private readonly meta: string;
  private readonly tmp: string;

  constructor(
    root: string,
    private readonly appUrl: string,
  ) {
    const base = path.resolve(root);
    this.objects = path.join(base, 'objects');
    this.meta = path.join(base, 'meta');
    this.tmp = path.join(base, 'tmp');
  }

  private objectPath(key: string): string {
    return path.join(this.objects, ...assertStorageKey(key).split('/'));
  }

  private metaPath(key: string): string {
    return `${path.join(this.meta, ...assertStorageKey(key).split('/'))}.json`;
  }

  async put(key: string, body: Readable | Uint8Array | string, options: PutOptions = {}): Promise<StoredObject> {
    return this.write(key, typeof body === 'string' || body instanceof Uint8Array ? Readable.from([Buffer.from(body)]) : body, options, {});
  }

  /** Streams `body` to a temp file, counting bytes against `limits` as they arrive, then renames it in. */
  async write(key: string, body: Readable, options: PutOptions, limits: WriteLimits): Promise<StoredObject> {
    const target = this.objectPath(key);
    const metaTarget = this.metaPath(key);
    await mkdir(this.tmp, { recursive: true });
    const temp = path.join(this.tmp, randomUUID());
    const counted = { bytes: 0 };
    try {
      await pipeline(body, byteCounter(limits, counted), createWriteStream(temp, { flags: 'wx' }));
      const meta: Meta = {
        ...(options.contentType ? { contentType: options.contentType } : {}),
        ...(options.filename ? { filename: options.filename } : {}),
      };
      await writeFile(`${temp}.json`, JSON.stringify(meta), { flag: 'wx' });
      await mkdir(path.dirname(target), { recursive: true });
      await mkdir(path.dirname(metaTarget), { recursive: true });
      // Metadata first: a reader that finds the object finds its content type with it.
      await rename(`${temp}.json`, metaTarget);
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      await rm(`${temp}.json`, { force: true });
      throw error;
    }
    const info = await stat(target);
    return { key, size: info.size, lastModified: info.mtime, ...(options.contentType ? { contentType: options.contentType } : {}) };
  }

  private async readMeta(key: string): Promise<Meta> {
    try {
      return JSON.parse(await readFile(this.metaPath(key), 'utf8')) as Meta;
    } catch (error) {
      if (isMissing(error)) return {};
      throw error;
    }
  }

  /** The object plus its stored download name (the signed download route's default filename). */
  async headWithMeta(key: string): Promise<(StoredObject & { filename?: string }) | null> {
    let info;
    try {
      info = await stat(this.objectPath(key));
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
    if (!info.isFile()) return null;
    const meta = await this.readMeta(key);
    return {
      key,
      size: info.size,
      lastModified: info.mtime,
      ...(meta.contentType ? { contentType: meta.contentType } : {}),
      ...(meta.filename ? { filename: meta.filename } : {}),
    };
  }

  async head(key: string): Promise<StoredObject | null> {
    const found = await this.headWithMeta(key);
    if (!found) return null;
    return { key, size: found.size, lastModified: found.lastModified, ...(found.contentType ? { contentType: found.contentType } : {}) };
  }

  async get(key: string): Promise<{ body: Readable; object: StoredObject } | null> {
    const object = await this.head(key);
    if (!object) return null;
    return { body: createReadStream(this.objectPath(key)), object };
  }

  async delete(key: string): Promise<void> {
    await rm(this.objectPath(key), { force: true });
    await rm(this.metaPath(key), { force: true });
  }

  async list(prefix: string): Promise<StoredObject[]> {
    assertStoragePrefix(prefix);
    // Walk only the directory the prefix names; its last, partial segment filters the names.
    const directory = prefix.slice(0, prefix.lastIndexOf('/'));
    const keys = await this.walk(directory);
    const objects: StoredObject[] = [];
    for (const key of keys.filter((k) => k.startsWith(prefix)).sort()) {
      const object = await this.head(key);
      if (object) objects.push(object);
    }
    return objects;
  }

  private async walk(directory: string): Promise<string[]> {
    let entries;
    try {
      entries = await readdir(path.join(this.objects, ...directory.split('/')), { withFileTypes: true });
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
    const keys: string[] = [];
    for (const entry of entries) {
      const key = `${directory}/${entry.name}`;
      if (entry.isDirectory()) keys.push(...(await this.walk(key)));
      else if (entry.isFile()) keys.push(key);
    }
    return keys;
  }

  async deletePrefix(prefix: string): Promise<number> {
    const objects = await this.list(prefix);
    for (const { key } of objects) await this.delete(key);
    // A whole folder (a tenant's purge): its now-empty directories go too.
    if (prefix.endsWith('/')) {
      const parts = prefix.slice(0, -1).split('/');
      await rm(path.join(this.objects, ...parts), { recursive: true, force: true });
      await rm(path.join(this.meta, ...parts), { recursive: true, force: true });
    }
    return objects.length;
  }

  async signedDownloadUrl(key: string, options: SignedUrlOptions): Promise<string> {
    assertStorageKey(key);
    checkFilename(options.filename);
    return signedDownloadLink(this.appUrl, {
      key,
      expiresAt: expiryFrom(options.expiresInSeconds),
      ...(options.filename !== undefined ? { filename: options.filename } : {}),
    });
  }

  async signedUploadTarget(key: string, options: UploadTargetOptions): Promise<UploadTarget> {
    assertStorageKey(key);
    checkUploadOptions(options);
    const expiresAt = expiryFrom(options.expiresInSeconds);
    const url = signedUploadLink(this.appUrl, {
      key,
      expiresAt,
      maxBytes: options.maxBytes,
      ...(options.contentType !== undefined ? { contentType: options.contentType } : {}),
      ...(options.size !== undefined ? { size: options.size } : {}),
    });
    return { url, method: 'PUT', headers: uploadHeaders(options), expiresAt: new Date(expiresAt * 1000) };
  }
}
