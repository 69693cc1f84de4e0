import { expect, signIn, snap, test } from './fixtures';

test('a workflow started from the UI runs to completion with progress recorded', async ({ page }, testInfo) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  await page.goto('/w/demo/settings/jobs');
  const runs = page.getByTestId('job-run');
  const before = await runs.count();
  await page.getByRole('button', { name: 'Run platform check' }).click();
  await expect(runs).toHaveCount(before + 1);
  const newest = runs.first();
  await expect(newest).toContainText('platform-hello');
  await expect(newest.getByText('succeeded')).toBeVisible({ timeout: 20_000 });
  await expect(newest.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await snap(page, testInfo, 'settings-jobs');
});
