import { expect as baseExpect, signIn, snap, test } from './fixtures';

const expect = baseExpect.configure({ timeout: 30_000 });

// As the demo owner: export the workspace from Settings → Privacy, watch it finish, and download
// the zip from the page's link (a signed link: fetched without the session's cookies).
test('a workspace export: requested, prepared with progress, and downloaded as a zip', async ({ page, playwright }, testInfo) => {
  test.setTimeout(150_000);
  await signIn(page);
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto('/w/demo/settings/privacy');
  await expect(page.getByRole('heading', { name: 'Privacy', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible();
  await expect(page.getByText(/Next: /)).toBeVisible();

  const rows = page.getByTestId('export-row');
  const before = await rows.count();
  await page.getByRole('button', { name: 'Export workspace' }).click();
  // The other viewport's run may hold the one export a workspace may prepare at a time.
  await expect(async () => {
    const conflict = page.getByRole('alert').filter({ hasText: 'already being prepared' });
    if (await conflict.isVisible()) {
      await page.reload();
      await page.getByRole('button', { name: 'Export workspace' }).click();
    }
    await expect(page.getByRole('status').filter({ hasText: 'The export has started' })).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 60_000 });
  await expect(rows).toHaveCount(before + 1);
  const newest = rows.first();
  await expect(newest).toContainText('Ready', { timeout: 60_000 });
  await expect(newest).toContainText(/rows in \d+ tables/);
  await snap(page, testInfo, 'privacy-export-ready');

  const href = await newest.getByRole('link', { name: 'Download zip' }).getAttribute('href');
  expect(href).toBeTruthy();
  const anonymous = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  try {
    const download = await anonymous.get(href!);
    expect(download.status(), `${href} → ${await download.text()}`).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/tessera-export-demo-\d{4}-\d{2}-\d{2}\.zip/);
    const body = await download.body();
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(body.includes(Buffer.from('manifest.json'))).toBe(true);
  } finally {
    await anonymous.dispose();
  }
});
