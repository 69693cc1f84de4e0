import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { S3Settings } from '@/lib/storage/s3';

export type LocalS3 = { settings: S3Settings; close: () => Promise<void> };

/**
 * An S3-compatible server (s3rver) on 127.0.0.1 with a random port and a temp directory, for
 * tests of the S3 backend. s3rver checks presigned URLs' expiry but not their SigV4 signatures.
 */
export async function startLocalS3(bucket = 'tessera-test'): Promise<LocalS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 'tessera-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    settings: {
      bucket,
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
      // s3rver's built-in account.
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    },
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
