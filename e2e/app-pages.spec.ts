import type { Page } from '@playwright/test';
import { expect as baseExpect, signIn, snap, test } from './fixtures';

// Generous: the machine running the suite may be busy, and each page renders per request.
const expect = baseExpect.configure({ timeout: 20_000 });

const SETTINGS = ['/w/demo/settings', '/w/demo/settings/members', '/w/demo/settings/billing', '/w/demo/settings/usage', '/w/demo/settings/api-keys', '/w/demo/settings/webhooks', '/w/demo/settings/audit', '/w/demo/settings/privacy', '/w/demo/settings/jobs'];
const ACCOUNT = ['/account', '/account/email', '/account/security', '/account/privacy'];
const OTHERS = ['/w/demo', '/w/demo/bots', '/w/demo/bots/new', '/w/demo/bots/backtests', '/w/demo/bots/backtests/new', '/onboarding'];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The page's header as laid out: one H1 and, when the section has tabs, their row. */
async function header(page: Page) {
  const h1 = page.locator('h1');
  await expect(h1).toHaveCount(1);
  // A streamed page first arrives in a hidden holder and is swapped in after: measure it once shown.
  await expect(h1).toBeVisible();
  const title = (await h1.innerText()).trim();
  const tabs = page.locator('main nav').first();
  return { title, h1: (await h1.boundingBox())!, tabs: (await tabs.count()) ? await tabs.boundingBox() : null };
}

test('every app page has one header: one H1 that the tab title repeats, tabs under it at one width', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await signIn(page);
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);

  const tabWidths = new Set<number>();
  for (const path of [...SETTINGS, ...ACCOUNT, ...OTHERS]) {
    await page.goto(path);
    const { title, h1, tabs } = await header(page);
    expect(await page.title(), path).toMatch(new RegExp(`^${escape(title)} · (.+ · )?Tessera$`));
    if (SETTINGS.includes(path) || ACCOUNT.includes(path)) {
      expect(tabs, `${path} has tabs`).not.toBeNull();
      expect(tabs!.y, `${path}: tabs below the title`).toBeGreaterThanOrEqual(h1.y + h1.height);
      tabWidths.add(Math.round(tabs!.width));
      // Every tab is a page of its own, never an anchor into one.
      const hrefs = await page.locator('main nav').first().locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs.filter((href) => href.includes('#')), path).toEqual([]);
    }
    await snap(page, testInfo, `app${path.replaceAll('/', '-')}`);
  }
  // Settings and account pages put their tabs in the same place at the same width.
  expect([...tabWidths]).toHaveLength(1);
});

test('background jobs is a settings page of its own', async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  await page.goto('/w/demo/settings');
  await page.getByRole('navigation', { name: 'Workspace settings' }).getByRole('link', { name: 'Background jobs' }).click();
  await expect(page).toHaveURL(/\/w\/demo\/settings\/jobs$/);
  await expect(page.getByRole('heading', { name: 'Background jobs', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run platform check' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Background jobs' })).toHaveAttribute('aria-current', 'page');
});

test('a short app page fits the screen: no scrolling past its content', async ({ page }) => {
  await signIn(page);
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  await page.goto('/w/demo/bots');
  await expect(page.getByRole('heading', { name: 'Bots', level: 1 })).toBeVisible();
  const { scroll, viewport, contentBottom } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollHeight,
    viewport: window.innerHeight,
    contentBottom: document.querySelector('main')!.lastElementChild!.getBoundingClientRect().bottom,
  }));
  // Only a page whose content is short is a fair test; the bots page is, on both viewports.
  expect(contentBottom).toBeLessThan(viewport);
  expect(scroll).toBe(viewport);
});
