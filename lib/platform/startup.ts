import { openDatabaseForStartup } from '@/db/health';
import { describeBillingBackend } from '@/lib/billing/stripe/config';
import { env, EnvError } from '@/lib/env';
import { DEMO_USER } from '@/lib/demo/demo-accounts';
import { seedDemoIfEmpty } from '@/lib/demo/seed';
import { describeEmailBackend } from '@/lib/email';
import { describeWorkflowBackend, startCronTicker, workflowBackend } from '@/lib/jobs';
import { getLogger } from '@/lib/observability/logger';
import { describeRedisBackend } from '@/lib/redis';
import { describeStorageBackend } from '@/lib/storage';

const state = globalThis as unknown as { __tesseraStarted?: Promise<void> };

/**
 * Runs once per server process (instrumentation.ts): validates the environment, opens the
 * database, seeds the demo on a first zero-config start, prints one line per backend (DESIGN.md
 * §5) and starts the in-process cron ticker when workflows run inline.
 */
export function startPlatform(): Promise<void> {
  state.__tesseraStarted ??= start();
  return state.__tesseraStarted;
}

async function start(): Promise<void> {
  const log = getLogger({ component: 'startup' });
  let config;
  try {
    config = env();
  } catch (error) {
    if (error instanceof EnvError) {
      log.fatal({ problems: error.problems }, error.message);
      process.exit(1);
    }
    throw error;
  }
  log.info(await openDatabaseForStartup());
  log.info(describeRedisBackend());
  log.info(describeEmailBackend());
  log.info(describeWorkflowBackend());
  log.info(describeBillingBackend());
  log.info(describeStorageBackend());
  const seedWanted = config.SEED_DEMO ?? !config.DATABASE_URL;
  if (seedWanted && !config.isProduction) {
    const seed = await seedDemoIfEmpty();
    if (seed.seeded) log.info(`demo data seeded (workspaces: ${seed.workspaces.join(', ')})`);
    log.info(`demo sign-in: ${DEMO_USER.email} / ${DEMO_USER.password} at ${config.APP_URL}/sign-in`);
  }
  if (workflowBackend() === 'inline') startCronTicker();
}
