import { DEMO, expect, signIn, snap, test } from './fixtures';

test('landing page presents the four products and a way in', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  for (const product of ['Bots', 'Journal', 'Money', 'Pricing']) {
    await expect(page.getByRole('heading', { name: new RegExp(product) }).first()).toBeVisible();
  }
  await expect(page.getByRole('link', { name: /sign in/i }).first()).toBeVisible();
  await snap(page, testInfo, 'landing');
});

test('security headers carry a per-request CSP nonce', async ({ request }) => {
  const first = await request.get('/');
  const second = await request.get('/');
  const csp = first.headers()['content-security-policy'];
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(second.headers()['content-security-policy']).not.toEqual(csp);
  expect(first.headers()['x-frame-options']).toBe('DENY');
  expect(first.headers()['x-content-type-options']).toBe('nosniff');
  expect(first.headers()['referrer-policy']).toBeTruthy();
  expect(first.headers()['permissions-policy']).toBeTruthy();
  expect(first.headers()['x-request-id']).toBeTruthy();
});

test('a signed-out visitor of a workspace is sent to sign in', async ({ page }) => {
  await page.goto('/w/demo');
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fw%2Fdemo/);
});

test('a wrong password gets one message that reveals nothing', async ({ page }) => {
  await signIn(page, DEMO.email, 'not-the-password');
  const message = page.getByRole('alert').filter({ hasText: 'don’t match' });
  await expect(message).toBeVisible();
  const known = await message.textContent();
  await signIn(page, 'nobody-here@example.test', 'not-the-password');
  await expect(message).toBeVisible();
  expect(await message.textContent()).toBe(known);
});

test('the demo user signs in and lands in the app shell', async ({ page }, testInfo) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  await page.goto('/w/demo');
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  const nav = testInfo.project.name === 'phone' ? null : page.getByRole('navigation').first();
  if (nav) {
    for (const product of ['Bots', 'Journal', 'Money', 'Pricing']) {
      await expect(nav.getByRole('link', { name: product })).toBeVisible();
    }
  }
  await snap(page, testInfo, 'dashboard');
  if (nav) {
    await page.goto('/w/demo/bots');
  } else {
    // On a phone the same navigation opens in a drawer, which closes once a link is followed.
    await page.getByRole('button', { name: 'Open navigation' }).click();
    const drawer = page.getByRole('dialog', { name: 'Navigation' });
    for (const product of ['Bots', 'Journal', 'Money', 'Pricing']) {
      await expect(drawer.getByRole('link', { name: product })).toBeVisible();
    }
    await drawer.getByRole('link', { name: 'Bots' }).click();
    await expect(drawer).toBeHidden();
  }
  await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
});

test('a workspace that is not yours is a 404', async ({ page, consoleErrors }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  const response = await page.goto('/w/somebody-elses-workspace');
  expect(response?.status()).toBe(404);
  await expect(page.getByText(/404/).first()).toBeVisible();
  // The browser reports the 404 document itself; that one is expected.
  expect(consoleErrors.splice(0)).toEqual([expect.stringContaining('404')]);
});

test('health endpoints answer', async ({ request }) => {
  const live = await request.get('/api/health');
  expect(live.status()).toBe(200);
  expect(await live.json()).toMatchObject({ status: 'ok' });
  const ready = await request.get('/api/health/ready');
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: 'ok', checks: { database: { ok: true }, redis: { ok: true } } });
  const metrics = await request.get('/api/health/metrics');
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toContain('job_runs_total');
});
