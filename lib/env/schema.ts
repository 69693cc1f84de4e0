import { z } from 'zod';
import { PLAN_IDS, type BillingInterval, type PlanId } from '@/lib/billing/plans';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const optionalUrl = optionalString.pipe(z.url().optional());

const flag = z
  .enum(['1', '0', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

export type WooCommercePlanProduct = { productId: number; planId: PlanId; interval: BillingInterval };

const SOLD_PLANS = PLAN_IDS.filter((id) => id !== 'free');

/**
 * `123:pro:month,124:pro:year,200:team:month`: which WooCommerce product (or variation) id sells
 * which plan at which interval. Unset means no product maps, so every delivery is held unapplied.
 */
const wooCommercePlanProducts = optionalString.transform((value, ctx): WooCommercePlanProduct[] => {
  if (!value) return [];
  const products: WooCommercePlanProduct[] = [];
  for (const entry of value.split(',').map((part) => part.trim()).filter(Boolean)) {
    const [id, planId, interval, ...rest] = entry.split(':');
    if (rest.length || !id || !/^[1-9]\d*$/.test(id) || !(SOLD_PLANS as string[]).includes(planId ?? '') || (interval !== 'month' && interval !== 'year')) {
      ctx.addIssue({ code: 'custom', message: `"${entry}" is not productId:plan:interval (plan one of ${SOLD_PLANS.join(', ')}; interval month or year)` });
      return z.NEVER;
    }
    if (products.some((product) => product.productId === Number(id))) {
      ctx.addIssue({ code: 'custom', message: `product ${id} is mapped twice` });
      return z.NEVER;
    }
    products.push({ productId: Number(id), planId: planId as PlanId, interval });
  }
  return products;
});

/** Every variable the app reads. `.env.example` documents each one. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  APP_ENV: z.enum(['development', 'test', 'staging', 'production']).default('development'),
  APP_URL: z.url().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  DATABASE_URL: optionalUrl,
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  PGLITE_DIR: z.string().default('.data/pglite'),
  // Fail fast while Postgres is away (db/client.ts reads these; validated here).
  DATABASE_CONNECT_TIMEOUT_S: z.coerce.number().int().min(1).max(60).default(3),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  DATABASE_REQUEST_DEADLINE_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),

  REDIS_URL: optionalUrl,
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optionalString,
  // Per Redis command; past it Redis counts as down (rate limits per process, caches skipped).
  REDIS_TIMEOUT_MS: z.coerce.number().int().min(10).max(1_000).default(200),

  INNGEST_EVENT_KEY: optionalString,
  INNGEST_SIGNING_KEY: optionalString,
  INNGEST_DEV: flag,
  // Outgoing webhooks to loopback and private addresses (a receiver on 127.0.0.1 in dev and tests). Ignored in production.
  WEBHOOKS_ALLOW_PRIVATE_URLS: flag,
  // Retention of the workflow tables: dispatched outbox rows and finished job runs older than this are deleted daily.
  OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  JOB_RUN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),

  RESEND_API_KEY: optionalString,
  EMAIL_FROM: z.string().default('Tessera <no-reply@tessera.local>'),

  AUTH_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  ENCRYPTION_KEY: optionalString.pipe(
    z.string().regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)').optional(),
  ),

  // When set, /api/health/metrics requires `Authorization: Bearer <token>`.
  METRICS_TOKEN: optionalString,
  // OAuth sign-in appears when a provider's id and secret are both set.
  AUTH_GOOGLE_ID: optionalString,
  AUTH_GOOGLE_SECRET: optionalString,
  AUTH_GITHUB_ID: optionalString,
  AUTH_GITHUB_SECRET: optionalString,
  // GitHub Enterprise Server's base URL (https://github.example.com); unset means github.com.
  AUTH_GITHUB_ENTERPRISE_URL: optionalUrl,
  // An OpenID issuer other than https://accounts.google.com (a Google-compatible IdP or a test one).
  AUTH_GOOGLE_ISSUER: optionalUrl,
  // Key rotation for lib/secrets: each payload records the version that sealed it; the previous
  // key stays decrypt-only until everything is re-encrypted.
  ENCRYPTION_KEY_VERSION: z.coerce.number().int().min(1).max(9999).default(1),
  ENCRYPTION_KEY_PREVIOUS: optionalString.pipe(
    z.string().regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters (32 bytes)').optional(),
  ),
  // Below next.config.mjs's proxyClientMaxBodySize (5 MiB), past which Next cuts the body middleware sees.
  API_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(4_194_304).default(1_048_576),
  // Origins allowed to call /api/v1 from a browser or app shell, comma-separated
  // (e.g. `https://app.example.com,capacitor://localhost,tauri://localhost`). Unset: none.
  API_CORS_ORIGINS: optionalString.transform((value) => (value ? value.split(',').map((origin) => origin.trim()).filter(Boolean) : [])),
  // Where the client IP comes from (lib/http/client-ip.ts): the TCP peer, X-Forwarded-For through
  // TRUSTED_PROXY_HOPS proxies of ours, or Vercel's edge headers.
  CLIENT_IP_SOURCE: z.enum(['socket', 'xff', 'vercel']).default('socket'),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Load shedding per server process (lib/http/load-shed.ts): requests running at once (0: off),
  // requests waiting beyond that, and how long one may wait; the rest are answered 503.
  MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(10_000).default(32),
  MAX_QUEUE: z.coerce.number().int().min(0).max(100_000).default(64),
  MAX_QUEUE_WAIT_MS: z.coerce.number().int().min(1).max(60_000).default(2_000),
  // WooCommerce Subscriptions webhook (POST /api/webhooks/woocommerce): the webhook's secret (unset:
  // every delivery is refused) and the products that sell plans.
  WOOCOMMERCE_WEBHOOK_SECRET: optionalString,
  WOOCOMMERCE_PLAN_PRODUCTS: wooCommercePlanProducts,
  // The store's REST API (WooCommerce → Settings → Advanced → REST API, read/write), used to
  // cancel a deleted workspace's subscription. Unset: the purge reports it left the subscription.
  // How long the nightly workspace snapshots (lib/privacy/backups.ts) are kept, in days.
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  WOOCOMMERCE_STORE_URL: optionalString.pipe(z.url().optional()),
  WOOCOMMERCE_CONSUMER_KEY: optionalString,
  WOOCOMMERCE_CONSUMER_SECRET: optionalString,
  // Billing (lib/billing/stripe): Stripe when the secret key is set, else the built-in test
  // checkout. Price ids per plan/add-on and interval (names from stripePriceEnvName() in
  // lib/billing/plans.ts; `npm run stripe:sync` prints them). Host/port/protocol point the SDK at
  // another API endpoint (a local fake in tests, a proxy); unset means api.stripe.com over https.
  STRIPE_SECRET_KEY: optionalString,
  STRIPE_WEBHOOK_SECRET: optionalString,
  STRIPE_API_HOST: optionalString,
  STRIPE_API_PORT: optionalString.pipe(z.coerce.number<string | undefined>().int().min(1).max(65_535).optional()),
  STRIPE_API_PROTOCOL: optionalString.pipe(z.enum(['http', 'https']).optional()),
  STRIPE_PRICE_PRO_MONTH: optionalString,
  STRIPE_PRICE_PRO_YEAR: optionalString,
  STRIPE_PRICE_TEAM_MONTH: optionalString,
  STRIPE_PRICE_TEAM_YEAR: optionalString,
  STRIPE_PRICE_ADDON_MEMBERS_MONTH: optionalString,
  STRIPE_PRICE_ADDON_MEMBERS_YEAR: optionalString,
  STRIPE_PRICE_ADDON_LIVE_BOTS_MONTH: optionalString,
  STRIPE_PRICE_ADDON_LIVE_BOTS_YEAR: optionalString,
  STRIPE_PRICE_ADDON_TRACKED_PRODUCTS_MONTH: optionalString,
  STRIPE_PRICE_ADDON_TRACKED_PRODUCTS_YEAR: optionalString,
  // File storage (lib/storage): S3-compatible object storage when bucket, region and keys are all
  // set (AWS S3; R2, MinIO or another endpoint through S3_ENDPOINT), else a local directory.
  S3_ENDPOINT: optionalUrl,
  S3_BUCKET: optionalString,
  S3_REGION: optionalString,
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  // Bucket in the path (`endpoint/bucket/key`) rather than the host name: MinIO and most local servers.
  S3_FORCE_PATH_STYLE: flag,
  // Bot notifications through Telegram's Bot API; only tests point it elsewhere (a local fake server).
  TELEGRAM_API_URL: z.url().default('https://api.telegram.org'),
  STORAGE_DIR: z.string().trim().min(1).default('.data/storage'),
  // Unset: seed the demo on a first zero-config start only.
  SEED_DEMO: z
    .enum(['1', '0', 'true', 'false', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? undefined : v === '1' || v === 'true')),
});

export type Env = z.infer<typeof envSchema>;
