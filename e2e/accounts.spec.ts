import type { Page, TestInfo } from '@playwright/test';
import { DEMO, expect, signIn, snap, test } from './fixtures';
import { followFirstLink, openEmail } from './mailbox';

const PASSWORD = 'amber-harbor-lantern-62';
const NEW_PASSWORD = 'quiet-glacier-compass-19';

/** Screenshots wait for hydration: Playwright's caret hiding before it makes React report a mismatch. */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  await page.waitForLoadState('networkidle');
  await snap(page, testInfo, name);
}

// The dev mailbox previews each email in a sandboxed iframe; Chromium sometimes reports the sandbox
// blocking a script there (no email of ours has one). That is the sandbox working, not a page error.
test.afterEach(({ consoleErrors }) => {
  const noise = /^Blocked script execution in 'about:srcdoc'/;
  for (let i = consoleErrors.length - 1; i >= 0; i--) if (noise.test(consoleErrors[i]!)) consoleErrors.splice(i, 1);
});

function uniqueEmail(testInfo: TestInfo, tag: string): string {
  return `${tag}-${Date.now()}-${testInfo.project.name}@example.test`;
}

/** The Auth.js session cookie, if the browser holds one (`__Secure-` prefixed behind HTTPS). */
async function sessionCookie(page: Page) {
  return (await page.context().cookies()).find((cookie) => cookie.name.endsWith('authjs.session-token'));
}

async function signUp(page: Page, email: string, name = 'Ada Lovelace') {
  await page.goto('/sign-up');
  await page.getByLabel(/^Name/).fill(name);
  await page.getByLabel(/^Email\*?$/).fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/check-email\?kind=sign-up$/);
}

test('sign up, confirm the address from the mailbox, continue signed in to onboarding and the dashboard', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'signup');
  await page.goto('/sign-up');
  await expect(page.getByRole('heading', { name: 'Create your Tessera account' })).toBeVisible();
  await shot(page, testInfo, 'sign-up');

  // Weak passwords are refused with feedback under the field.
  await page.getByLabel(/^Name/).fill('Ada Lovelace');
  await page.getByLabel(/^Email\*?$/).fill(email);
  await page.getByLabel(/^Password/).fill('password123456');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText(/commonly used password|easy to guess/i).first()).toBeVisible();
  await shot(page, testInfo, 'sign-up-weak-password');

  await signUp(page, email);
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  // Sign-up never signs in: a session cookie for new addresses only would tell who has an account.
  expect(await sessionCookie(page)).toBeUndefined();
  await shot(page, testInfo, 'check-email');

  await openEmail(page, email, 'Confirm your email address');
  await followFirstLink(page);
  await expect(page.getByRole('heading', { name: 'Email address confirmed' })).toBeVisible();
  expect(await sessionCookie(page)).toBeUndefined();
  await shot(page, testInfo, 'email-verified');

  // Continue is a button (a POST): opening the link alone, as a mail scanner does, signs no one in.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await expect(page.getByRole('heading', { name: 'Welcome to Tessera' })).toBeVisible();
  expect(await sessionCookie(page)).toBeDefined();
  await shot(page, testInfo, 'onboarding-after-verify');

  // The same link again still reads as done, not as an error; signed in now, Continue just goes on.
  await page.goBack();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Email address confirmed' })).toBeVisible();
  await page.getByRole('link', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);

  await page.getByRole('button', { name: 'Skip for now' }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
});

test('an address that already has an account sees the same page, and its owner gets a notice', async ({ page }) => {
  const started = Date.now();
  await page.goto('/sign-up');
  await page.getByLabel(/^Name/).fill('Someone Else');
  await page.getByLabel(/^Email\*?$/).fill(DEMO.email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/check-email\?kind=sign-up$/);
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  expect(await sessionCookie(page)).toBeUndefined();
  await openEmail(page, DEMO.email, 'Someone tried to sign up with your email address');
  expect(Date.now() - started).toBeLessThan(60_000);
});

test('a forged verification link explains itself and offers a way forward', async ({ page }, testInfo) => {
  await page.goto('/verify-email?token=forged');
  await expect(page.getByRole('heading', { name: 'This link doesn’t work' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign in to send a new link' })).toBeVisible();
  await shot(page, testInfo, 'verify-invalid');
});

test('forgot password, reset from the mailbox, sign in with the new password', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'reset');
  await signUp(page, email, 'Rita Reset');
  await page.context().clearCookies();

  await page.goto('/forgot-password');
  await shot(page, testInfo, 'forgot-password');
  await page.getByLabel(/^Email\*?$/).fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page).toHaveURL(/\/check-email\?kind=reset$/);
  await expect(page.getByText(/If an account uses that address/)).toBeVisible();

  await openEmail(page, email, 'Reset your Tessera password');
  await followFirstLink(page);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel(/^New password/).fill(NEW_PASSWORD);
  await page.getByLabel(/^Repeat new password/).fill(NEW_PASSWORD);
  await shot(page, testInfo, 'reset-password');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Your password was changed' })).toBeVisible();

  // The link is spent.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'This reset link was already used' })).toBeVisible();

  await page.goto('/sign-in');
  await page.getByLabel(/^Email\*?$/).fill(email);
  await page.getByLabel(/^Password/).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/(w|onboarding)(\/|$)/);
  await openEmail(page, email, 'Your Tessera password was changed');
});

test('magic link: request, open from the mailbox, signed in', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'magic');
  await page.goto('/magic-link');
  await shot(page, testInfo, 'magic-link');
  await page.getByLabel(/^Email address/).fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await expect(page).toHaveURL(/\/check-email\?kind=sign-in$/);
  await expect(page.getByText(/a sign-in link is on its way/)).toBeVisible();

  await openEmail(page, email, 'Your Tessera sign-in link');
  await followFirstLink(page);
  await expect(page).toHaveURL(/\/(w|onboarding)(\/|$)/);
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
});

test('profile and email change from the account pages', async ({ page }, testInfo) => {
  const email = uniqueEmail(testInfo, 'account');
  const newEmail = uniqueEmail(testInfo, 'moved');
  await signUp(page, email, 'Cora Change');
  // Not yet confirmed: the password still signs in, and the account pages ask for confirmation.
  await signIn(page, email, PASSWORD);
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto('/account');
  await expect(page.getByRole('region', { name: 'Confirm your email' })).toBeVisible();
  await page.getByLabel(/^Avatar URL/).fill('http://example.test/a.png');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Use an https:// link to an image.')).toBeVisible();
  await page.getByLabel(/^Avatar URL/).fill('');
  await page.getByLabel(/^Time zone/).selectOption('Europe/Berlin');
  await page.getByLabel(/^Currency/).selectOption('EUR');
  await page.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Profile saved.' })).toBeVisible();
  await expect(page.getByLabel(/^Time zone/)).toHaveValue('Europe/Berlin');
  await page.reload();
  await expect(page.getByLabel(/^Currency/)).toHaveValue('EUR');
  await shot(page, testInfo, 'account-profile');

  await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Email' }).click();
  await page.getByLabel(/^New email address/).fill(newEmail);
  await page.getByLabel(/^Current password/).fill(PASSWORD);
  await page.getByRole('button', { name: 'Send confirmation link' }).click();
  await expect(page.getByRole('status').filter({ hasText: `We sent a confirmation link to ${newEmail}` })).toBeVisible();
  await shot(page, testInfo, 'account-email');

  await openEmail(page, newEmail, 'Confirm your new email address');
  await followFirstLink(page);
  await expect(page.getByRole('heading', { name: 'Email address changed' })).toBeVisible();
  await openEmail(page, email, 'The email address of your Tessera account was changed');

  // The shell (user menu) reads the session, which follows the stored address on the next request.
  await page.goto('/account');
  await expect(page.getByText(`Signed in as ${newEmail}`)).toBeVisible();
  await expect(page.getByText(email, { exact: true })).toHaveCount(0);
  await expect(page.getByText(newEmail, { exact: true }).first()).toBeAttached();
});
