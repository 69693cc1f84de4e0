// Submits /forgot-password in Chromium and SIGKILLs the server's process group the moment the
// action's answer arrives, so nothing it scheduled after the response (after()) can run.
import { chromium } from '@playwright/test';
const [, , base, email, pgid] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage();
await page.goto(`${base}/forgot-password`);
await page.getByLabel(/email/i).first().fill(email);
const started = Date.now();
const answered = new Promise((resolve) =>
  page.on('response', (response) => {
    if (response.request().method() === 'POST' && pgid) {
      process.kill(-Number(pgid), 'SIGKILL');
      resolve({ status: response.status(), answeredMs: Date.now() - started });
    }
  }),
);
await page.getByRole('button', { name: /send|reset|email/i }).first().click();
console.log(JSON.stringify(await answered));
await browser.close();
