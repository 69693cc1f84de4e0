import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import { contentSecurityPolicy } from '@/lib/http/security-headers';
import { describeStorageConfig, storageConfigFromEnv, storageConnectOrigins } from '@/lib/storage/config';

const secrets = { NODE_ENV: 'test', AUTH_SECRET: 'x'.repeat(32), ENCRYPTION_KEY: 'cd'.repeat(32) } as const;
const s3 = { S3_BUCKET: 'tessera', S3_REGION: 'auto', S3_ACCESS_KEY_ID: 'AKIDEXAMPLE', S3_SECRET_ACCESS_KEY: 'secret-never-logged' };
const production = {
  ...secrets,
  NODE_ENV: 'production',
  APP_ENV: 'production',
  DATABASE_URL: 'postgres://db.example/tessera',
  RESEND_API_KEY: 're_x',
  REDIS_URL: 'redis://redis.example:6379',
  INNGEST_EVENT_KEY: 'e',
  INNGEST_SIGNING_KEY: 's',
  STRIPE_SECRET_KEY: 'sk_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
} as NodeJS.ProcessEnv;

function problems(source: NodeJS.ProcessEnv): string[] {
  try {
    parseEnv(source);
    return [];
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
}

describe('storage configuration', () => {
  it('uses the local directory with nothing set, STORAGE_DIR overriding the default', () => {
    expect(storageConfigFromEnv(parseEnv({ ...secrets }))).toEqual({ backend: 'local', directory: '.data/storage', appUrl: 'http://localhost:3000' });
    const config = storageConfigFromEnv(parseEnv({ ...secrets, STORAGE_DIR: '/srv/files' }));
    expect(describeStorageConfig(config)).toBe('file storage: local directory /srv/files, downloads and uploads through signed app routes');
  });

  it('uses S3 when bucket, region and keys are set, and never prints the keys', () => {
    const config = storageConfigFromEnv(
      parseEnv({ ...secrets, ...s3, S3_ENDPOINT: 'https://acct.r2.cloudflarestorage.com', S3_FORCE_PATH_STYLE: '1' }),
    );
    expect(config).toEqual({
      backend: 's3',
      s3: {
        bucket: 'tessera',
        region: 'auto',
        accessKeyId: 'AKIDEXAMPLE',
        secretAccessKey: 'secret-never-logged',
        endpoint: 'https://acct.r2.cloudflarestorage.com',
        forcePathStyle: true,
      },
    });
    const line = describeStorageConfig(config);
    expect(line).toBe('file storage: S3-compatible bucket tessera at acct.r2.cloudflarestorage.com (path-style), region auto, presigned URLs');
    expect(line).not.toMatch(/AKIDEXAMPLE|secret-never-logged/);
    expect(describeStorageConfig(storageConfigFromEnv(parseEnv({ ...secrets, ...s3 })))).toMatch(/at AWS S3, region auto/);
  });

  it('lets the browser reach the bucket for presigned uploads, and nothing extra for the local backend', () => {
    const r2 = storageConfigFromEnv(parseEnv({ ...secrets, ...s3, S3_ENDPOINT: 'https://acct.r2.cloudflarestorage.com' }));
    expect(storageConnectOrigins(r2)).toEqual(['https://acct.r2.cloudflarestorage.com', 'https://tessera.acct.r2.cloudflarestorage.com']);
    const aws = storageConfigFromEnv(parseEnv({ ...secrets, ...s3, S3_REGION: 'eu-west-1' }));
    expect(storageConnectOrigins(aws)).toEqual(['https://s3.eu-west-1.amazonaws.com', 'https://tessera.s3.eu-west-1.amazonaws.com']);
    expect(storageConnectOrigins(storageConfigFromEnv(parseEnv({ ...secrets })))).toEqual([]);
    expect(contentSecurityPolicy('n', { dev: false, production: true, connect: storageConnectOrigins(aws) })).toContain(
      "connect-src 'self' https://s3.eu-west-1.amazonaws.com https://tessera.s3.eu-west-1.amazonaws.com;",
    );
    expect(contentSecurityPolicy('n', { dev: false, production: true })).toContain("connect-src 'self';");
  });

  it('refuses a partial S3 setup in any environment, naming what is missing', () => {
    expect(problems({ ...secrets, S3_BUCKET: 'tessera' })).toEqual([
      'S3_BUCKET/S3_REGION/S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY: S3 storage needs all of them (missing S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY)',
    ]);
    expect(problems({ ...secrets, S3_ENDPOINT: 'http://127.0.0.1:9000' })[0]).toMatch(/missing S3_BUCKET, S3_REGION/);
    expect(problems({ ...secrets, ...s3, S3_SECRET_ACCESS_KEY: '' })[0]).toMatch(/missing S3_SECRET_ACCESS_KEY\)$/);
  });

  it('requires S3 in production, and accepts production with it', () => {
    expect(problems(production)).toEqual(['S3_BUCKET/S3_REGION/S3_ACCESS_KEY_ID/S3_SECRET_ACCESS_KEY: required in production (file storage)']);
    expect(problems({ ...production, ...s3 })).toEqual([]);
  });
});
