import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect as baseExpect, signIn, snap, test } from './fixtures';

const expect = baseExpect.configure({ timeout: 20_000 });

async function callMe(request: APIRequestContext, token: string) {
  // The request fixture carries no cookies: the key alone must authenticate.
  return request.get('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
}

async function takeIssuedKey(page: Page): Promise<string> {
  const value = page.getByTestId('issued-key-value');
  await expect(value).toHaveValue(/^tsr_[0-9A-Za-z]{40,}$/);
  const token = await value.inputValue();
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('issued-key')).toBeHidden();
  return token;
}

// As the demo owner (a Team trial, so the API is in the plan): create a key, use it from outside
// the browser, rotate it (both keys work during the grace), revoke both (both refused at once),
// then open the reference page that documents what the key just called.
test('an API key: created, used against /api/v1/me, rotated and revoked; the reference page renders the spec', async ({ page, request }, testInfo) => {
  test.setTimeout(150_000);
  const name = `E2E key ${randomUUID().slice(0, 6)}`;
  await signIn(page);
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto('/w/demo/settings/api-keys');
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();

  await page.getByLabel(/^Name/).fill(name);
  await page.getByRole('checkbox', { name: 'Read : Read metered usage against quotas' }).check();
  await page.getByRole('button', { name: 'Create key' }).click();
  const first = await takeIssuedKey(page);

  const me = await callMe(request, first);
  expect(me.status(), await me.text()).toBe(200);
  expect(me.headers()['ratelimit-limit']).toBeTruthy();
  const body = (await me.json()) as { workspace: { slug: string }; auth: { type: string; scopes: string[] } };
  expect(body.workspace.slug).toBe('demo');
  expect(body.auth.type).toBe('api_key');
  expect(body.auth.scopes).toContain('usage:read');

  const rows = page.getByTestId('api-key-row').filter({ hasText: name });
  await expect(rows).toHaveCount(1);
  // The list shows the key's first use (written after the answer, so reload until it lands).
  await expect(async () => {
    await page.reload();
    await expect(rows.first()).toContainText(/Last used .* from /, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await rows.first().getByRole('button', { name: 'Rotate' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Rotate key' }).click();
  const second = await takeIssuedKey(page);
  expect(second).not.toBe(first);
  await expect(rows).toHaveCount(2);
  const rotating = rows.filter({ hasText: 'Rotating' });
  const active = rows.filter({ hasText: 'Active' });
  await expect(rotating).toHaveCount(1);
  expect((await callMe(request, first)).status()).toBe(200);
  expect((await callMe(request, second)).status()).toBe(200);
  await snap(page, testInfo, 'api-keys-rotating');

  await active.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(rows.filter({ hasText: 'Revoked' })).toHaveCount(1);
  const refused = await callMe(request, second);
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');

  await rotating.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
  await expect(rows.filter({ hasText: 'Revoked' })).toHaveCount(2);
  expect((await callMe(request, first)).status()).toBe(401);

  await page.getByRole('link', { name: 'API reference' }).first().click();
  await expect(page).toHaveURL(/\/docs\/api$/);
  await expect(page.getByRole('heading', { name: 'API reference', level: 1 })).toBeVisible();
  // Swagger UI renders one block per operation from /api/v1/openapi.json.
  await expect(page.getByTestId('api-reference').getByText('/api/v1/me', { exact: true })).toBeVisible();
  await snap(page, testInfo, 'api-reference');
});
