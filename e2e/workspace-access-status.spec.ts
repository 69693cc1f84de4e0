import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, signIn, test } from './fixtures';
import { followFirstLink, openEmail, signUpWithMagicLink } from './mailbox';

/**
 * A page someone may not see answers HTTP 404 before any byte of it is sent: as a full page load
 * and as the RSC request Next's router makes on a client navigation. (A refusal decided while the
 * response streams can only show the not-found screen under a 200.)
 */
async function statuses(request: APIRequestContext, path: string) {
  const document = await request.get(path, { maxRedirects: 0 });
  return { document: document.status(), rsc: await rscStatus(request, path) };
}

// Next answers an RSC request whose `_rsc` cache-busting parameter doesn't match its headers with a
// 307 to the matching one, as the router would have sent it: follow that one hop only.
async function rscStatus(request: APIRequestContext, path: string): Promise<number> {
  const headers = { RSC: '1' };
  const first = await request.get(path, { headers, maxRedirects: 0 });
  const location = first.headers().location;
  if (first.status() !== 307 || !location?.includes('_rsc')) return first.status();
  return (await request.get(location, { headers, maxRedirects: 0 })).status();
}

async function joinAs(page: Page, email: string) {
  await openEmail(page, email, 'Dana Demo invited you to Atlas Store');
  await followFirstLink(page);
  await page.getByRole('button', { name: /^Join / }).click();
  await expect(page).toHaveURL(/\/w\/atlas-store$/, { timeout: 30_000 });
}

test('a viewer gets 404 for the audit log and a stranger for a workspace, page load and client navigation alike', async ({ page, browser }, testInfo) => {
  // Two people, an invitation and a magic link: a long journey on a busy machine.
  test.setTimeout(180_000);
  const viewer = `viewer-${randomUUID().slice(0, 8)}@example.test`;

  // The demo owner invites a viewer to Atlas Store.
  await signIn(page);
  // The first sign-in after start also warms the server up.
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/, { timeout: 30_000 });
  await page.goto('/w/atlas-store/settings/members');
  await page.getByLabel('Email address').fill(viewer);
  await page.locator('#invite-role').selectOption('viewer');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText(`Invitation sent to ${viewer}.`)).toBeVisible({ timeout: 30_000 });
  // The owner may read it: the refusal below is the role's, not the route's.
  expect(await statuses(page.request, '/w/atlas-store/settings/audit')).toEqual({ document: 200, rsc: 200 });

  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    extraHTTPHeaders: { 'x-forwarded-for': `10.78.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}` },
  });
  const guest = await context.newPage();
  await signUpWithMagicLink(guest, viewer);
  await joinAs(guest, viewer);

  expect(await statuses(guest.request, '/w/atlas-store/settings')).toEqual({ document: 200, rsc: 200 });
  expect(await statuses(guest.request, '/w/atlas-store/settings/audit')).toEqual({ document: 404, rsc: 404 });
  // Member of Atlas Store only: the demo workspace doesn't exist for them, on any of its pages.
  expect(await statuses(guest.request, '/w/demo')).toEqual({ document: 404, rsc: 404 });
  expect(await statuses(guest.request, '/w/demo/settings/members')).toEqual({ document: 404, rsc: 404 });
  expect(await statuses(guest.request, '/w/no-such-workspace-here')).toEqual({ document: 404, rsc: 404 });

  // The browser shows the not-found screen when it navigates there.
  const response = await guest.goto('/w/atlas-store/settings/audit');
  expect(response?.status()).toBe(404);
  await expect(guest.getByText('We can’t find that page')).toBeVisible();
  await context.close();
});
