import { envSchema, type Env } from './schema';
import { loadLocalSecrets } from './local-secrets';

export type { Env } from './schema';

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

export type ResolvedEnv = Env & { AUTH_SECRET: string; ENCRYPTION_KEY: string; isProduction: boolean };

/** Production is NODE_ENV=production *and* APP_ENV=production: `next build` alone is not. */
export function isProductionEnv(source: NodeJS.ProcessEnv = process.env): boolean {
  return source.NODE_ENV === 'production' && source.APP_ENV === 'production';
}

const REQUIRED_IN_PRODUCTION: Array<[keyof Env, string]> = [
  ['DATABASE_URL', 'Postgres connection string'],
  ['AUTH_SECRET', 'session signing secret'],
  ['ENCRYPTION_KEY', 'key for secrets at rest'],
  ['RESEND_API_KEY', 'email delivery'],
];

const S3_REQUIRED = ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** All required S3 variables set, none of the S3 variables set, or something in between. */
export function s3ConfigState(env: Env): 'complete' | 'unset' | 'partial' {
  const present = S3_REQUIRED.filter((key) => env[key]).length;
  if (present === S3_REQUIRED.length) return 'complete';
  return present === 0 && !env.S3_ENDPOINT ? 'unset' : 'partial';
}

export function parseEnv(source: NodeJS.ProcessEnv): ResolvedEnv {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const env = parsed.data;
  const production = isProductionEnv(source);
  // Half an S3 setup would silently store files on the server's disk instead: refused everywhere.
  const s3 = s3ConfigState(env);
  if (s3 === 'partial') {
    throw new EnvError([`${S3_REQUIRED.join('/')}: S3 storage needs all of them (missing ${S3_REQUIRED.filter((key) => !env[key]).join(', ')})`]);
  }
  if (production) {
    const problems = REQUIRED_IN_PRODUCTION.filter(([key]) => !env[key]).map(
      ([key, what]) => `${key}: required in production (${what})`,
    );
    if (!env.REDIS_URL && !(env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN)) {
      problems.push('UPSTASH_REDIS_REST_URL/UPSTASH_REDIS_REST_TOKEN or REDIS_URL: required in production (rate limits)');
    }
    if (!env.INNGEST_EVENT_KEY || !env.INNGEST_SIGNING_KEY) {
      problems.push('INNGEST_EVENT_KEY/INNGEST_SIGNING_KEY: required in production (background workflows)');
    }
    // The built-in test checkout grants plans without payment: never in production.
    if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) {
      problems.push('STRIPE_SECRET_KEY/STRIPE_WEBHOOK_SECRET: required in production (billing)');
    }
    if (s3 === 'unset') problems.push(`${S3_REQUIRED.join('/')}: required in production (file storage)`);
    if (problems.length) throw new EnvError(problems);
    return { ...env, AUTH_SECRET: env.AUTH_SECRET!, ENCRYPTION_KEY: env.ENCRYPTION_KEY!, isProduction: true };
  }
  // Zero-config: secrets are generated once and kept under .data/ so sessions survive restarts.
  const local = env.AUTH_SECRET && env.ENCRYPTION_KEY ? null : loadLocalSecrets();
  return {
    ...env,
    AUTH_SECRET: env.AUTH_SECRET ?? local!.AUTH_SECRET,
    ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? local!.ENCRYPTION_KEY,
    isProduction: false,
  };
}

const cache = globalThis as unknown as { __tesseraEnv?: ResolvedEnv };

/** Validated environment, parsed once per process. */
export function env(): ResolvedEnv {
  cache.__tesseraEnv ??= parseEnv(process.env);
  return cache.__tesseraEnv;
}

/** For tests that change process.env. */
export function resetEnvCache(): void {
  cache.__tesseraEnv = undefined;
}
