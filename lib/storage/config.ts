import type { ResolvedEnv } from '@/lib/env';
import { s3ConfigState } from '@/lib/env';
import type { S3Settings } from './s3';

export type StorageConfig = { backend: 's3'; s3: S3Settings } | { backend: 'local'; directory: string; appUrl: string };

/**
 * S3 when bucket, region and keys are all set (env() has already refused a partial setup, and
 * in production a missing one), else the local directory.
 */
export function storageConfigFromEnv(config: ResolvedEnv): StorageConfig {
  if (s3ConfigState(config) === 'complete') {
    return {
      backend: 's3',
      s3: {
        bucket: config.S3_BUCKET!,
        region: config.S3_REGION!,
        accessKeyId: config.S3_ACCESS_KEY_ID!,
        secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
        ...(config.S3_ENDPOINT ? { endpoint: config.S3_ENDPOINT } : {}),
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
      },
    };
  }
  return { backend: 'local', directory: config.STORAGE_DIR, appUrl: config.APP_URL };
}

/** One line for the start-up log and /admin/system; never the keys. */
export function describeStorageConfig(config: StorageConfig): string {
  if (config.backend === 's3') {
    const { bucket, region, endpoint, forcePathStyle } = config.s3;
    const where = endpoint ? `${new URL(endpoint).host}${forcePathStyle ? ' (path-style)' : ''}` : 'AWS S3';
    return `file storage: S3-compatible bucket ${bucket} at ${where}, region ${region}, presigned URLs`;
  }
  return `file storage: local directory ${config.directory}, downloads and uploads through signed app routes`;
}

/**
 * Where the browser sends presigned uploads (imports straight to the bucket): the CSP's
 * connect-src must allow it, or the upload is blocked before it leaves the page. Both address
 * styles, since which one the SDK presigns depends on the bucket's name as well as the setting.
 * None for the local backend, whose upload route is same-origin.
 */
export function storageConnectOrigins(config: StorageConfig): string[] {
  if (config.backend !== 's3') return [];
  const { bucket, region, endpoint } = config.s3;
  const base = new URL(endpoint ?? `https://s3.${region}.amazonaws.com`);
  return [base.origin, `${base.protocol}//${bucket}.${base.host}`];
}

const originsByEnv = new WeakMap<ResolvedEnv, string[]>();

/** storageConnectOrigins for the resolved env, worked out once per env (the middleware asks on every request). */
export function connectOriginsOf(config: ResolvedEnv): string[] {
  let origins = originsByEnv.get(config);
  if (!origins) originsByEnv.set(config, (origins = storageConnectOrigins(storageConfigFromEnv(config))));
  return origins;
}
