import { generate } from 'otplib';
import { expect, snap, test } from './fixtures';
import { signIn, signUpFreshUser, waitForHydration } from './fresh-user';

/**
 * A code for the next 30 s step: the server accepts one step ahead, and enrolment has already used
 * the current step (a used step is refused), so this never waits for the clock.
 */
function nextCode(secret: string, stepsAhead = 1): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * stepsAhead });
}

test('a user turns on two-factor, then signs in with a code and with a recovery code', async ({ page }, testInfo) => {
  const user = await signUpFreshUser(page, '2fa');

  await page.goto('/account/security');
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  const secretText = await page.getByTestId('totp-secret').textContent();
  const secret = (secretText ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  await waitForHydration(page, '#enrol-code');
  await snap(page, testInfo, 'two-factor-setup');

  // A wrong code is refused under the field.
  await page.getByLabel('Code from your app').fill('000000');
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  await expect(page.getByText('That code didn’t work')).toBeVisible();

  await page.getByLabel('Code from your app').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  const codeItems = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codeItems).toHaveCount(10);
  const codes = await codeItems.allTextContents();
  for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
  await snap(page, testInfo, 'two-factor-recovery-codes');
  await page.getByRole('button', { name: 'I’ve saved my codes' }).click();
  await expect(page.getByText('10 unused recovery codes left.')).toBeVisible();
  // After enrolment the secret is never on the page again.
  await expect(page.getByTestId('totp-secret')).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  // Password alone is not enough any more.
  await page.context().clearCookies();
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  const codeField = page.getByLabel('Authentication code');
  await expect(codeField).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(codeField).toHaveAttribute('inputmode', 'numeric');
  await waitForHydration(page);
  await snap(page, testInfo, 'two-factor-sign-in');
  await codeField.fill(await nextCode(secret));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);

  // A recovery code works once.
  await page.context().clearCookies();
  await signIn(page, user.email, user.password);
  await expect(page).toHaveURL(/\/sign-in\/two-factor/);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(codes[0]!.toUpperCase());
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);

  await page.goto('/account/security');
  await expect(page.getByText('9 unused recovery codes left.')).toBeVisible();
  await expect(page.getByText('Two-factor authentication enabled').first()).toBeVisible();
});

test('the code step without a pending sign-in says so and links back', async ({ page }) => {
  await page.goto('/sign-in/two-factor');
  await expect(page.getByText('This sign-in has expired or was already used.')).toBeVisible();
  await page.getByRole('link', { name: 'Back to sign in' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
});
