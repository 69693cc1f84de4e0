import type { S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { contentDisposition } from './content-disposition';
import { assertStorageKey, assertStoragePrefix } from './keys';
import { checkExpiry, checkFilename, checkUploadOptions, uploadHeaders } from './upload-options';
import type { FileStorage, PutOptions, SignedUrlOptions, StoredObject, UploadTarget, UploadTargetOptions } from './types';

export type S3Settings = {
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  endpoint?: string;
  forcePathStyle: boolean;
};

// Multipart parts for streamed puts of unknown length: S3's minimum part size, two in flight, so
// a stream costs about 10 MB of memory whatever its length.
const PART_SIZE = 5 * 1024 * 1024;

type Sdk = {
  s3: typeof import('@aws-sdk/client-s3');
  Upload: typeof import('@aws-sdk/lib-storage').Upload;
  getSignedUrl: typeof import('@aws-sdk/s3-request-presigner').getSignedUrl;
};

// Loaded on first use: the SDK costs memory and start-up time a zero-config server never needs.
let sdkLoading: Promise<Sdk> | undefined;
function loadSdk(): Promise<Sdk> {
  sdkLoading ??= Promise.all([
    import('@aws-sdk/client-s3'),
    import('@aws-sdk/lib-storage'),
    import('@aws-sdk/s3-request-presigner'),
  ]).then(([s3, storage, presigner]) => ({ s3, Upload: storage.Upload, getSignedUrl: presigner.getSignedUrl }));
  return sdkLoading;
}

function isNotFound(error: unknown): boolean {
  const failure = error as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
  return failure?.name === 'NotFound' || failure?.name === 'NoSuchKey' || failure?.$metadata?.httpStatusCode === 404;
}

/**
 * S3-compatible object storage (AWS S3, Cloudflare R2, MinIO, …). Downloads and browser uploads
 * are presigned URLs straight to the bucket, so large files never pass through the app.
 */
export class S3FileStorage implements FileStorage {
  readonly backend = 's3' as const;
  private readonly bucket: string;
  private client: S3Client | undefined;

  constructor(private readonly settings: S3Settings) {
    this.bucket = settings.bucket;
  }

  private async connect(): Promise<{ client: S3Client; sdk: Sdk }> {
    const sdk = await loadSdk();
    const { settings } = this;
    this.client ??= new sdk.s3.S3Client({
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // Checksums only where S3 requires them: the SDK's default CRC32 checksums (trailers on
      // streamed bodies) are not understood by every S3-compatible server.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    return { client: this.client, sdk };
  }

  async put(key: string, body: Readable | Uint8Array | string, options: PutOptions = {}): Promise<StoredObject> {
    assertStorageKey(key);
    const { client, sdk } = await this.connect();
    const params = {
      Bucket: this.bucket,
      Key: key,
      ...(options.contentType ? { ContentType: options.contentType } : {}),
      ...(options.filename ? { Metadata: { filename: encodeURIComponent(options.filename) } } : {}),
    };
    if (body instanceof Readable) {
      // A stream's length is unknown: multipart, part by part, never the whole body in memory.
      await new sdk.Upload({ client, params: { ...params, Body: body }, partSize: PART_SIZE, queueSize: 2 }).done();
    } else {
      await client.send(new sdk.s3.PutObjectCommand({ ...params, Body: typeof body === 'string' ? Buffer.from(body) : body }));
    }
    const stored = await this.head(key);
    if (!stored) throw new Error(`S3 put of ${key} reported success but the object is not there`);
    return stored;
  }

  async get(key: string): Promise<{ body: Readable; object: StoredObject } | null> {
    assertStorageKey(key);
    try {
    const { client, sdk } = await this.connect();
      const result = await client.send(new sdk.s3.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        body: result.Body as Readable,
        object: {
          key,
          size: result.ContentLength ?? 0,
          lastModified: result.LastModified ?? new Date(0),
          ...(result.ContentType ? { contentType: result.ContentType } : {}),
        },
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    assertStorageKey(key);
    try {
    const { client, sdk } = await this.connect();
      const result = await client.send(new sdk.s3.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        key,
        size: result.ContentLength ?? 0,
        lastModified: result.LastModified ?? new Date(0),
        ...(result.ContentType ? { contentType: result.ContentType } : {}),
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    const { client, sdk } = await this.connect();
    await client.send(new sdk.s3.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async list(prefix: string): Promise<StoredObject[]> {
    assertStoragePrefix(prefix);
    const objects: StoredObject[] = [];
    let token: string | undefined;
    do {
    const { client, sdk } = await this.connect();
      const page = await client.send(
        new sdk.s3.ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }),
      );
      for (const item of page.Contents ?? []) {
        if (item.Key) objects.push({ key: item.Key, size: item.Size ?? 0, lastModified: item.LastModified ?? new Date(0) });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async deletePrefix(prefix: string): Promise<number> {
    const objects = await this.list(prefix);
    // DeleteObjects takes at most 1,000 keys a call.
    for (let start = 0; start < objects.length; start += 1000) {
      const batch = objects.slice(start, start + 1000);
    const { client, sdk } = await this.connect();
      const result = await client.send(
        new sdk.s3.DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map(({ key }) => ({ Key: key })), Quiet: true } }),
      );
      if (result.Errors?.length) {
        throw new Error(`S3 refused to delete ${result.Errors.length} object(s) under ${prefix}: ${result.Errors[0]?.Code ?? 'unknown'}`);
      }
    }
    return objects.length;
  }

  async signedDownloadUrl(key: string, options: SignedUrlOptions): Promise<string> {
    assertStorageKey(key);
    checkFilename(options.filename);
    checkExpiry(options.expiresInSeconds);
    const { client, sdk } = await this.connect();
    const command = new sdk.s3.GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: contentDisposition(options.filename ?? (await this.storedFilename(key)) ?? key.slice(key.lastIndexOf('/') + 1)),
      ResponseCacheControl: 'private, no-store',
    });
    return sdk.getSignedUrl(client, command, { expiresIn: options.expiresInSeconds });
  }

  async signedUploadTarget(key: string, options: UploadTargetOptions): Promise<UploadTarget> {
    assertStorageKey(key);
    checkExpiry(options.expiresInSeconds);
    checkUploadOptions(options);
    const { client, sdk } = await this.connect();
    const command = new sdk.s3.PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ...(options.contentType ? { ContentType: options.contentType } : {}),
      // Signed: S3 then refuses a body of any other length.
      ...(options.size !== undefined ? { ContentLength: options.size } : {}),
    });
    const url = await sdk.getSignedUrl(client, command, {
      expiresIn: options.expiresInSeconds,
      // Signed rather than left as a header the uploader may change.
      signableHeaders: new Set(['content-type']),
    });
    return { url, method: 'PUT', headers: uploadHeaders(options), expiresAt: new Date(Date.now() + options.expiresInSeconds * 1000) };
  }

  /** The download name given at put time, as the local backend's route uses it. */
  private async storedFilename(key: string): Promise<string | undefined> {
    try {
    const { client, sdk } = await this.connect();
      const result = await client.send(new sdk.s3.HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      const stored = result.Metadata?.filename;
      return stored ? decodeURIComponent(stored) : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  destroy(): void {
    this.client?.destroy();
    this.client = undefined;
  }
}
