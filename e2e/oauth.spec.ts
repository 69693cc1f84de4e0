import type { Page, TestInfo } from '@playwright/test';
import { expect, snap, test } from './fixtures';
import { signUpWithMagicLink } from './mailbox';

// Google and GitHub run their real Auth.js flows against the fake provider in e2e/fake-oauth,
// whose consent page lets the test say who the provider vouches for.

function uniqueEmail(testInfo: TestInfo, tag: string): string {
  return `${tag}-${Date.now()}-${testInfo.project.name}@example.test`;
}

async function consent(page: Page, provider: 'Google' | 'GitHub', email: string, options: { verified?: boolean } = {}) {
  await expect(page.getByRole('heading', { name: `Sign in to Fake ${provider}` })).toBeVisible();
  await page.getByLabel('Email', { exact: true }).fill(email);
  if (options.verified === false) await page.getByLabel('Email verified').uncheck();
  await page.getByRole('button', { name: 'Authorize' }).click();
}

async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.waitForLoadState('networkidle');
  await snap(page, testInfo, name);
}

test('connect GitHub from Account → Security, then sign in with it', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'connect');
  await signUpWithMagicLink(page, email);

  await page.goto('/account/security');
  const methods = page.locator('#sign-in-methods');
  await expect(methods.getByRole('heading', { name: 'Connected sign-in' })).toBeVisible();
  await shot(page, testInfo, 'security-sign-in-methods');

  // A GitHub account with another address is refused and nothing is linked.
  await methods.getByRole('button', { name: 'Connect GitHub' }).click();
  await consent(page, 'GitHub', `other-${email}`);
  await expect(page).toHaveURL(/\/account\/security\?connect=email-mismatch/);
  await expect(methods.getByRole('alert')).toContainText('uses a different email address');

  await methods.getByRole('button', { name: 'Connect GitHub' }).click();
  await consent(page, 'GitHub', email);
  await expect(page).toHaveURL(/\/account\/security\?connect=linked&provider=github/);
  await expect(methods.getByRole('status')).toContainText('GitHub is connected');
  await expect(methods.getByRole('listitem').filter({ hasText: 'GitHub' })).toContainText('Connected');
  // Still the same session: linking doesn't sign in again.
  await expect(page.locator('#sessions').getByRole('listitem')).toHaveCount(1);
  await expect(page.locator('#activity')).toContainText('Sign-in provider connected');
  await shot(page, testInfo, 'security-github-connected');

  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Continue with GitHub' }).click();
  await consent(page, 'GitHub', email);
  await expect(page).toHaveURL(/\/(w|onboarding)(\/|$)/);
  await page.goto('/account');
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();

  // Disconnecting leaves the email address as the way in.
  await page.goto('/account/security');
  await methods.getByRole('button', { name: 'Disconnect GitHub' }).click();
  await expect(methods.getByRole('listitem').filter({ hasText: 'GitHub' })).toContainText('Not connected');
});

test('Google sign-up creates a confirmed account; GitHub with the same address is not linked silently', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'google');
  await page.goto('/sign-in');
  await shot(page, testInfo, 'sign-in-with-providers');
  await page.getByRole('button', { name: 'Continue with Google' }).click();
  await consent(page, 'Google', email);
  await expect(page).toHaveURL(/\/(w|onboarding)(\/|$)/);
  await page.goto('/account');
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  // Google vouched for the address: no "confirm your email" banner.
  await expect(page.getByRole('region', { name: 'Confirm your email' })).toHaveCount(0);

  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Continue with GitHub' }).click();
  await consent(page, 'GitHub', email);
  await expect(page).toHaveURL(/\/sign-in\?error=OAuthAccountNotLinked/);
  await expect(page.getByText(/connect this provider from Account → Security/)).toBeVisible();
  await shot(page, testInfo, 'sign-in-oauth-not-linked');
});

test('a provider that has not verified the address cannot create an account', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'unverified');
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Continue with GitHub' }).click();
  await consent(page, 'GitHub', email, { verified: false });
  await expect(page).toHaveURL(/\/sign-in\?error=OAuthEmailUnverified/);
  await expect(page.getByText(/didn’t confirm an email address/)).toBeVisible();
});
