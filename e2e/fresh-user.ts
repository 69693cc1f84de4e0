import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';

/** A strong password zxcvbn accepts; the same for every fresh user is fine, emails differ. */
export const FRESH_PASSWORD = 'violet harbour tractor 1947 lantern';

export { signIn } from './fixtures';
import { signIn } from './fixtures';

/**
 * A brand-new account through the real sign-up page, then signed in with its password. Tests that
 * change account security (2FA, sessions) use one so the shared demo user stays untouched.
 */
export async function signUpFreshUser(page: Page, label: string) {
  const email = `e2e-${label}-${randomUUID().slice(0, 8)}@example.test`;
  await page.goto('/sign-up');
  await page.getByLabel('Name').fill(`E2E ${label}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(FRESH_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/check-email\?kind=sign-up$/);
  // Sign-up never signs in (the confirmation link does); an unconfirmed account may use its password.
  await signIn(page, email, FRESH_PASSWORD);
  await expect(page).not.toHaveURL(/\/sign-in/);
  return { email, password: FRESH_PASSWORD };
}

/**
 * Waits until React has hydrated the element: a screenshot taken earlier restyles inputs (hidden
 * caret) under React's feet and the fixture then fails on the hydration-mismatch console error.
 */
export async function waitForHydration(page: Page, selector = 'main form') {
  await page.waitForFunction(
    (css) => {
      const element = document.querySelector(css);
      return element !== null && Object.keys(element).some((key) => key.startsWith('__reactFiber'));
    },
    selector,
  );
}
