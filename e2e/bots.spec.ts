import { expect as baseExpect, signIn, snap, test } from './fixtures';

// Runs happen in the background (the inline runner in this build): allow them time on a busy machine.
const expect = baseExpect.configure({ timeout: 30_000 });

test('a paper bot: designed in the wizard, started, run, its trades and balance chart shown, then stopped', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page);
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  await page.goto('/w/demo/bots');
  await page.getByRole('link', { name: /New bot|Create your first bot/ }).first().click();
  await expect(page.getByRole('heading', { name: 'New bot', level: 1 })).toBeVisible();

  const name = `E2E ladder ${Date.now().toString(36)}`;
  await page.getByLabel('Name').fill(name);
  await page.getByRole('button', { name: 'Next: Pairs' }).click();
  await expect(page.locator('input[value="BTCUSDT"]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Next: Strategy' }).click();
  // The ladder preview is shown before launch, with the capital a deal can use.
  await expect(page.getByTestId('ladder-preview')).toBeVisible();
  await expect(page.getByTestId('ladder-preview')).toContainText('Safety 1');
  // 10 USDT of BTC is under the market's minimum quantity: the preview says what the order really costs.
  await expect(page.getByTestId('ladder-min-qty')).toContainText('rounded up');
  // Filters off: the first run opens a deal whatever the simulated market's trend.
  await page.getByLabel(/EMA trend gates/).uncheck();
  await page.getByLabel(/Volatility protection/).uncheck();
  await page.getByLabel(/Decline velocity/).uncheck();
  await snap(page, testInfo, 'bots-wizard-strategy');
  await page.getByRole('button', { name: 'Next: Notifications' }).click();
  await page.getByRole('button', { name: 'Next: Review' }).click();
  await page.getByRole('button', { name: 'Create and start' }).click();

  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByTestId('bot-status').first()).toHaveText('Running');
  // The first run is due at once; "Run now" asks for it without waiting for the scheduler.
  await page.getByRole('button', { name: 'Run now' }).click();
  await expect(page.getByTestId('bot-trades')).toContainText('OPENED', { timeout: 90_000 });
  await expect(page.getByTestId('bot-runs')).toContainText('succeeded');
  await expect(page.getByTestId('bot-balance-chart').locator('svg')).toBeVisible();
  await snap(page, testInfo, 'bots-detail');

  await page.goto('/w/demo/bots');
  await expect(page.getByRole('link', { name })).toBeVisible();
  await snap(page, testInfo, 'bots-list');

  // Stopped at the end, closing the position: the demo workspace's plan allows two running paper bots.
  await page.getByRole('link', { name }).click();
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.getByLabel(/close the open positions/).check();
  await page.getByRole('button', { name: 'Stop the bot' }).click();
  await expect(page.getByTestId('bot-status').first()).toHaveText('Stopped');
});

test('a backtest over the simulated market: its progress bar, its results, its CSV, and a bot made from it', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await signIn(page);
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  await page.goto('/w/demo/bots');
  await page.getByRole('navigation', { name: 'Bots' }).getByRole('link', { name: 'Backtests' }).click();
  await expect(page.getByRole('heading', { name: 'Backtests', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: /New backtest|Run your first backtest/ }).first().click();

  const name = `E2E backtest ${Date.now().toString(36)}`;
  await page.getByLabel('Name').fill(name);
  // A year of minutes: long enough that the progress bar is seen moving on its way.
  await page.getByLabel('From', { exact: true }).fill('2025-06-01');
  await page.getByLabel('To', { exact: true }).fill('2026-06-01');
  await page.getByRole('button', { name: 'Run backtest' }).click();

  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByRole('progressbar').or(page.getByTestId('backtest-results'))).toBeVisible();
  await snap(page, testInfo, 'bots-backtest-progress');
  await expect(page.getByTestId('backtest-results')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('backtest-results')).toContainText('Net profit');
  await snap(page, testInfo, 'bots-backtest-results');

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  expect((await download).suggestedFilename()).toMatch(/-deals\.csv$/);

  await page.getByRole('link', { name: 'Create bot from this backtest' }).click();
  await expect(page.getByRole('heading', { name: 'New bot', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue(`${name} bot`);
});
