import { expect as baseExpect, snap, test } from './fixtures';
import { signUpFreshUser, waitForHydration } from './fresh-user';

const expect = baseExpect.configure({ timeout: 30_000 });

// A fresh account: the shared demo user must not be scheduled for deletion.
test('Account → Privacy: export my data and download it, then schedule and cancel the account deletion', async ({ page, playwright }, testInfo) => {
  test.setTimeout(150_000);
  const user = await signUpFreshUser(page, 'privacy');
  await page.goto('/account/privacy');
  await expect(page.getByRole('heading', { name: 'Privacy', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Backups of your workspaces' })).toBeVisible();
  await expect(page.getByText(/Next snapshot: /)).toBeVisible();
  await waitForHydration(page, '[data-testid="delete-account-form"]');

  await page.getByRole('button', { name: 'Export my data' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The export has started' })).toBeVisible();
  const newest = page.getByTestId('account-export-row').first();
  await expect(newest).toContainText('Ready', { timeout: 60_000 });
  await snap(page, testInfo, 'account-privacy-export-ready');
  const href = await newest.getByRole('link', { name: 'Download zip' }).getAttribute('href');
  const anonymous = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  try {
    const download = await anonymous.get(href!);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/tessera-account-export-\d{4}-\d{2}-\d{2}\.zip/);
    const body = await download.body();
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(body.includes(Buffer.from('account/profile.json'))).toBe(true);
  } finally {
    await anonymous.dispose();
  }

  const form = page.getByTestId('delete-account-form');
  await form.getByLabel('Your password').fill('not my password');
  await form.getByRole('button', { name: 'Schedule account deletion' }).click();
  await expect(form.getByText('That password isn’t right.')).toBeVisible();
  await form.getByLabel('Your password').fill(user.password);
  await form.getByRole('button', { name: 'Schedule account deletion' }).click();
  const scheduled = page.getByTestId('account-deletion-scheduled');
  await expect(scheduled).toBeVisible();
  await expect(page.getByText(/Your account is scheduled for deletion on/)).toBeVisible();
  await snap(page, testInfo, 'account-privacy-deletion-scheduled');

  await scheduled.getByRole('button', { name: 'Cancel account deletion' }).click();
  await expect(page.getByTestId('delete-account-form')).toBeVisible();
  await expect(page.getByText(/scheduled for deletion on/)).toHaveCount(0);
});
