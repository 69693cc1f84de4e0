import { expect, type Page } from '@playwright/test';

/** Opens the newest email with `subject` to `to` in the dev mailbox, waiting for it to arrive. */
export async function openEmail(page: Page, to: string, subject: string) {
  await expect(async () => {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    await page.getByRole('link', { name: subject }).first().click({ timeout: 1_000 });
    await expect(page.getByRole('heading', { name: subject, level: 1 })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

export async function followFirstLink(page: Page) {
  await page.getByTestId('mailbox-link').first().click();
}

/** A new, confirmed account signed in through a magic link (Auth.js confirms the address). */
export async function signUpWithMagicLink(page: Page, email: string) {
  await page.goto('/magic-link');
  await page.getByLabel(/^Email address/).fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page).toHaveURL(/\/check-email\?kind=sign-in$/);
  await openEmail(page, email, 'Your Tessera sign-in link');
  await followFirstLink(page);
  await expect(page).toHaveURL(/\/(w|onboarding)(\/|$)/);
}
