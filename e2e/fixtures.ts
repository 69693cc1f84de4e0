import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import path from 'node:path';

export const DEMO = { email: 'demo@tessera.local', password: 'tessera-demo' };

/** Fails the test on any console error or uncaught page error: a page that logs errors is broken. */
export const test = base.extend<{ consoleErrors: string[] }>({
  // Each test is its own client behind the proxy, as production traffic is: the per-IP sign-in
  // limit (5 a minute) then applies per test instead of across the whole suite.
  extraHTTPHeaders: async ({}, use) => {
    const octet = () => Math.floor(Math.random() * 250) + 1;
    await use({ 'x-forwarded-for': `10.${octet()}.${octet()}.${octet()}` });
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
