import { expect as baseExpect, snap, test } from './fixtures';
import { signUpFreshUser, waitForHydration } from './fresh-user';

const expect = baseExpect.configure({ timeout: 30_000 });

// A fresh owner, so the restored workspace lands in nobody else's switcher.
test('restore: an export becomes a new workspace; a zip that is not an export is refused with a report', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signUpFreshUser(page, 'restore');
  await page.goto('/w');
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  const slug = new URL(page.url()).pathname.split('/')[2]!;
  await page.goto(`/w/${slug}/settings/privacy`);
  await expect(page.getByRole('heading', { name: 'Privacy', level: 1 })).toBeVisible();
  await waitForHydration(page);

  await page.getByRole('button', { name: 'Export workspace' }).click();
  const exported = page.getByTestId('export-row').first();
  await expect(exported).toContainText('Ready', { timeout: 60_000 });

  await exported.getByRole('button', { name: 'Restore to a new workspace' }).click();
  const restored = page.getByTestId('restore-row').first();
  await expect(restored).toContainText('Restored', { timeout: 60_000 });
  await snap(page, testInfo, 'privacy-restore-done');
  const open = restored.getByRole('link', { name: /^Open / });
  const name = (await open.textContent())!.replace(/^Open /, '');
  expect(name).toMatch(/\(restored\)$/);

  // Not a zip: uploaded, then refused with the reason, and no workspace is made.
  await page.getByLabel('Export zip').setInputFiles({ name: 'not-an-export.zip', mimeType: 'application/zip', buffer: Buffer.from('this is not a zip file') });
  await page.getByRole('button', { name: 'Upload and restore' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'The restore has started' })).toBeVisible();
  const refused = page.getByTestId('restore-row').first();
  await expect(refused).toContainText('Failed', { timeout: 60_000 });
  await expect(refused.getByTestId('restore-problems')).toContainText(/zip/i);
  await snap(page, testInfo, 'privacy-restore-refused');

  await page.getByTestId('restore-row').nth(1).getByRole('link', { name: /^Open / }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  expect(new URL(page.url()).pathname).not.toBe(`/w/${slug}`);
  await expect(page.getByText(name).filter({ visible: true }).first()).toBeVisible();
});
