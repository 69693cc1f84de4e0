import { test as base, expect, type BrowserContext, type Page, type TestInfo } from '@playwright/test';
import path from 'node:path';
import { AccessibilityWatch } from './accessibility';

export const DEMO = { email: 'demo@tessera.local', password: 'tessera-demo' };

function clientAddress(): string {
  const octet = () => Math.floor(Math.random() * 250) + 1;
  return `10.${octet()}.${octet()}.${octet()}`;
}

type Fixtures = {
  consoleErrors: string[];
  a11y: AccessibilityWatch;
  /** Another device (browser context) with the project's viewport, its own cookies and client address, checked like `page`; closed when the test ends. */
  newDevice: () => Promise<BrowserContext>;
};

/**
 * The suite's `test`: every spec imports it instead of '@playwright/test'. It fails a test on any
 * console error or uncaught page error, and on any serious or critical WCAG 2.1 AA violation on a
 * page of the app the test showed (e2e/accessibility.ts).
 */
export const test = base.extend<Fixtures>({
  // Each test is its own client behind the proxy, as production traffic is: the per-IP sign-in
  // limit (5 a minute) then applies per test instead of across the whole suite.
  extraHTTPHeaders: async ({}, use) => {
    await use({ 'x-forwarded-for': clientAddress() });
  },
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        // The dev mailbox previews mail in a sandboxed srcdoc iframe; Chromium reports the
        // sandbox refusing scripts there even for mail that has none.
        if (message.type() === 'error' && !message.text().includes("Blocked script execution in 'about:srcdoc'")) errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
  a11y: [
    async ({ browser, context, baseURL }, use, testInfo) => {
      const watch = new AccessibilityWatch(browser, new URL(baseURL!).origin, testInfo.project.use, testInfo);
      await watch.watch(context);
      await use(watch);
      await watch.finish();
      await watch.close();
      const report = watch.report();
      if (report) throw new Error(report);
    },
    // Its teardown runs axe on every page the test showed: seconds each on a busy machine.
    { auto: true, timeout: 180_000 },
  ],
  newDevice: async ({ browser, a11y }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const { baseURL, viewport, userAgent, isMobile, hasTouch, deviceScaleFactor } = testInfo.project.use;
      const context = await browser.newContext({
        baseURL,
        viewport,
        userAgent,
        isMobile,
        hasTouch,
        deviceScaleFactor,
        extraHTTPHeaders: { 'x-forwarded-for': clientAddress() },
      });
      await a11y.watch(context);
      contexts.push(context);
      return context;
    });
    // The a11y fixture reads the pages after this teardown would have closed them: copy them first
    // (its own teardown, with its own timeout, runs axe on the copies).
    await a11y.takeAll();
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect };

/** Full-page screenshot kept as a test artifact and under e2e/artifacts/ for review. */
export async function snap(page: Page, testInfo: TestInfo, name: string) {
  const file = `${testInfo.project.name}-${name}.png`;
  await page.screenshot({ path: testInfo.outputPath(file), fullPage: true });
  await page.screenshot({ path: path.join('e2e', 'artifacts', file), fullPage: true });
}

export async function signIn(page: Page, email = DEMO.email, password = DEMO.password) {
  await page.goto('/sign-in');
  // The required-field asterisk is part of the label text, and the magic-link form has its own
  // "Email address" field: address the password form's inputs by name.
  await page.locator('form:has(input[name="password"]) input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
