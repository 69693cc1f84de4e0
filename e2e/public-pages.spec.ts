import { DEMO, expect, signIn, test } from './fixtures';

test('the offline page works under the CSP: no console errors, and "Try again" reloads', async ({ page }) => {
  await page.goto('/offline');
  await expect(page.getByRole('heading', { name: 'You’re not connected' })).toBeVisible();
  const reload = page.waitForEvent('framenavigated');
  await page.getByRole('link', { name: 'Try again' }).click();
  await reload;
  await expect(page).toHaveURL(/\/offline$/);
  await expect(page.getByRole('heading', { name: 'You’re not connected' })).toBeVisible();
});

test.describe('with the service worker', () => {
  // The shared fixture blocks service workers (e2e/fixtures.ts); this journey is about one.
  test.use({ serviceWorkers: 'allow' });

  test('offline, the service worker serves the offline page, and "Try again" loads the page once back online', async ({ page, context }) => {
    await page.goto('/pricing');
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await context.setOffline(true);
    await page.goto('/legal/terms');
    await expect(page.getByRole('heading', { name: 'You’re not connected' })).toBeVisible();
    await expect(page).toHaveURL(/\/legal\/terms$/);
    await context.setOffline(false);
    await page.getByRole('link', { name: 'Try again' }).click();
    await expect(page.getByRole('heading', { name: 'Terms of service', level: 1 })).toBeVisible();
  });
});

for (const path of ['/dev/ui', '/dev/ui/shell']) {
  test(`${path} is not served by a production build`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(404);
  });
}

test('sign-in has one email field for both ways, and a failed submit moves focus to the error', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.locator('input[name="email"]')).toHaveCount(1);

  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByLabel(/^Email/)).toBeFocused();
  await expect(page.getByLabel(/^Email/)).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel(/^Email/).fill(DEMO.email);
  await page.getByLabel(/^Password/).fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'don’t match' })).toBeFocused();
});

test('the sign-in page mails a link from the same email field', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel(/^Email/).fill(`link-${Date.now()}@example.test`);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page).toHaveURL(/\/check-email\?kind=sign-in$/);
});

test('an email link asked for without an address puts focus on the email field', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page.getByLabel(/^Email/)).toBeFocused();
  await expect(page.getByLabel(/^Email/)).toHaveAttribute('aria-invalid', 'true');
});

test('the 404 page offers sign-in to a visitor and the workspace to a signed-in person', async ({ page, consoleErrors }) => {
  await page.goto('/no-such-page');
  await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to your workspace' })).toHaveCount(0);

  await signIn(page);
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  await page.goto('/no-such-page');
  await expect(page.getByRole('link', { name: 'Sign in' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Go to your workspace' }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  // The browser reports each 404 document itself; those are expected.
  expect(consoleErrors.splice(0).every((text) => text.includes('404'))).toBe(true);
});

test('the "Most popular" badge is readable in dark mode', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/pricing');
  const badge = page.getByText('Most popular');
  const [fg, bg] = await badge.evaluate((el) => {
    const style = getComputedStyle(el);
    return [style.color, style.backgroundColor];
  });
  expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('the landing menu traps focus and closes on Escape', async ({ page }) => {
    await page.goto('/');
    const open = page.getByRole('button', { name: 'Open navigation' });
    await open.click();
    const menu = page.getByRole('dialog', { name: 'Menu' });
    await expect(menu).toBeVisible();
    // A modal <dialog> makes the page inert: Tab cycles through the menu, passing only through the
    // browser's own UI (document.body here), never onto the page behind it.
    let inMenu = 0;
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      const where = await menu.evaluate((el) => (el.contains(document.activeElement) ? 'menu' : document.activeElement === document.body ? 'browser' : 'page'));
      expect(where).not.toBe('page');
      if (where === 'menu') inMenu++;
    }
    expect(inMenu).toBeGreaterThan(6);
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(open).toBeFocused();
  });

  test('the plan comparison scrolls by keyboard and says there is more', async ({ page }) => {
    await page.goto('/pricing');
    const region = page.getByRole('region', { name: 'Compare plans, scrolls sideways' });
    await expect(region).toBeVisible();
    await expect(page.getByText(/scroll sideways|swipe sideways/i).first()).toBeVisible();
    await region.focus();
    await expect(region).toBeFocused();
    const before = await region.evaluate((el) => el.scrollLeft);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(before);
    // The feature names stay in view while the plans scroll past them.
    await region.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    const offset = await region.evaluate((el) => {
      const header = [...el.querySelectorAll('th[scope="row"]')].find((th) => th.textContent === 'Members')!;
      return header.getBoundingClientRect().left - el.getBoundingClientRect().left;
    });
    expect(offset).toBeLessThan(2);
  });
});

function contrast(a: string, b: string): number {
  const luminance = (color: string) => {
    const [r, g, bl] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number).map((v) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}
