import { defineConfig, devices } from '@playwright/test';
import { FAKE_OAUTH, fakeOAuthAppEnv } from './e2e/fake-oauth/settings';

const PORT = Number(process.env.E2E_PORT ?? 3200);
// Auth.js builds absolute URLs from the host it sees; Next rewrites 127.0.0.1 to localhost.
const baseURL = process.env.E2E_BASE_URL ?? `http://localhost:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } },
    // The journeys' logic is the same on every screen; what a phone changes is layout. So the phone
    // runs the specs that show every page (app-pages visits each signed-in page, smoke walks the
    // drawer and the public pages; public-pages has its own phone block), which keeps the suite's
    // time flat as products add journeys (e2e took 1,389 s when every journey ran twice).
    {
      name: 'phone',
      testMatch: /\/(smoke|app-pages)\.spec\.ts$/,
      use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } },
    },
  ],
  // Callers that bring their own app server (E2E_BASE_URL, as .ci/run does) also run the fake
  // OAuth provider and give the app its settings (e2e/fake-oauth/print-env.ts).
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : [
        {
          command: 'npx tsx e2e/fake-oauth/main.ts',
          url: `http://127.0.0.1:${FAKE_OAUTH.port}/health`,
          reuseExistingServer: false,
          timeout: 30_000,
        },
        {
          // A production build against its own zero-config data directory, unless the caller set DATABASE_URL.
          command: `npx next start -p ${PORT}`,
          url: `${baseURL}/api/health`,
          reuseExistingServer: false,
          timeout: 120_000,
          env: {
            PGLITE_DIR: process.env.E2E_PGLITE_DIR ?? '.data/e2e-pglite',
            APP_URL: baseURL,
            LOG_LEVEL: 'warn',
            SEED_DEMO: '1',
            DEV_MAILBOX: '1',
            // The journeys pick client addresses through X-Forwarded-For, as behind one trusted proxy.
            CLIENT_IP_SOURCE: 'xff',
            TRUSTED_PROXY_HOPS: '1',
            // The webhook journey's receiver listens on loopback.
            WEBHOOKS_ALLOW_PRIVATE_URLS: '1',
            ...fakeOAuthAppEnv(),
          },
        },
      ],
});
