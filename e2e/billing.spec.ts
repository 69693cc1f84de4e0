import { randomUUID } from 'node:crypto';
import { expect as baseExpect, snap, test } from './fixtures';
import { followFirstLink, openEmail } from './mailbox';
import { FRESH_PASSWORD } from './fresh-user';

const expect = baseExpect.configure({ timeout: 20_000 });

test('a Team trial from the pricing page, upgraded through the test checkout, then canceled at period end', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const email = `e2e-billing-${randomUUID().slice(0, 8)}@example.test`;

  // Yearly on the pricing page, then the Team card: a sign-up that says which trial it starts,
  // with the yearly choice carried along.
  await page.goto('/pricing');
  await page.getByRole('navigation', { name: 'Billing period' }).getByRole('link', { name: /Yearly/ }).click();
  await expect(page).toHaveURL(/\/pricing\?billing=yearly$/);
  const teamCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Team', exact: true }) });
  await expect(teamCard.getByText('$490')).toBeVisible();
  await expect(teamCard.getByText('per workspace / year')).toBeVisible();
  await snap(page, testInfo, 'pricing-yearly');
  await teamCard.getByRole('link', { name: 'Start a 14-day trial' }).click();
  await expect(page).toHaveURL(/\/sign-up\?plan=team&interval=year$/);
  await expect(page.getByText(/14-day Team trial/)).toBeVisible();
  await expect(page.getByText(/yearly billing \(\$490 a year, two months free\) comes first/)).toBeVisible();
  await page.getByLabel(/^Name/).fill('E2E Billing');
  await page.getByLabel(/^Email\*?$/).fill(email);
  await page.getByLabel(/^Password/).fill(FRESH_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/check-email\?kind=sign-up$/);
  await openEmail(page, email, 'Confirm your email address');
  await followFirstLink(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  const slug = new URL(page.url()).pathname.split('/')[2]!;

  await page.goto(`/w/${slug}/settings/billing`);
  await expect(page.getByRole('heading', { name: 'Billing', level: 1 })).toBeVisible();
  const current = page.getByRole('region', { name: 'Current plan' });
  await expect(current.getByText('Team', { exact: true })).toBeVisible();
  await expect(current.getByText('Trial', { exact: true })).toBeVisible();
  await expect(current.getByText(/Your trial ends on/)).toBeVisible();
  // The comparison table from the catalog, on the billing page itself.
  await expect(page.getByRole('table', { name: 'Compare plans' }).getByRole('row', { name: /Members/ })).toContainText('15');
  await snap(page, testInfo, 'billing-trial');

  // Yearly comes first, as picked on the pricing page. Yearly Pro through the built-in test
  // checkout: the plan changes on screen.
  await expect(page.getByRole('radio', { name: /Yearly/ })).toBeChecked();
  await expect(page.getByText('$190')).toBeVisible();
  await page.getByRole('button', { name: 'Choose Pro' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'the test checkout put the plan in force' })).toBeVisible();
  await expect(current.getByText('Pro', { exact: true })).toBeVisible();
  // The running trial is respected: the paid plan starts when it ends.
  await expect(current.getByText('Trial', { exact: true })).toBeVisible();
  await expect(current.getByText(/Your trial runs until .*; then the plan is billed yearly/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Your current plan' })).toBeDisabled();
  await snap(page, testInfo, 'billing-active');

  // Cancel at the end of the period: the plan stays until then, and can be kept again.
  await page.getByRole('button', { name: 'Cancel at the end of the period' }).click();
  await expect(current.getByText(/Canceled: the plan stays until/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Keep my plan' })).toBeVisible();
  await snap(page, testInfo, 'billing-canceling');
});
