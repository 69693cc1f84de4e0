import { randomUUID } from 'node:crypto';
import { generate } from 'otplib';
import { expect as baseExpect, snap, test } from './fixtures';
import { FRESH_PASSWORD, waitForHydration } from './fresh-user';
import { followFirstLink, openEmail } from './mailbox';

const expect = baseExpect.configure({ timeout: 20_000 });

// A workspace of its own (a Team trial from sign-up), so the demo workspace and the demo user's
// security stay untouched for the rest of the suite.
test('an owner requires two-factor, and a member without it is sent to turn it on', async ({ page, newDevice }, testInfo) => {
  test.setTimeout(240_000);
  const ownerEmail = `e2e-r2fa-owner-${randomUUID().slice(0, 8)}@example.test`;
  const memberEmail = `e2e-r2fa-member-${randomUUID().slice(0, 8)}@example.test`;

  await page.goto('/sign-up?plan=team');
  await page.getByLabel(/^Name/).fill('E2E Strict Owner');
  await page.getByLabel(/^Email\*?$/).fill(ownerEmail);
  await page.getByLabel(/^Password/).fill(FRESH_PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/check-email\?kind=sign-up$/);
  await openEmail(page, ownerEmail, 'Confirm your email address');
  await followFirstLink(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page).toHaveURL(/\/onboarding$/);
  await page.getByRole('button', { name: 'Skip for now' }).click();
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  const slug = new URL(page.url()).pathname.split('/')[2]!;

  // Not before the owner's own two-factor is on.
  const requireBox = page.getByLabel('Require two-factor authentication for every member');
  await page.goto(`/w/${slug}/settings`);
  await waitForHydration(page, '#ws-require-two-factor');
  await requireBox.check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Turn on two-factor for your own account first.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to Account → Security' })).toBeVisible();

  await page.goto('/account/security');
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
  await waitForHydration(page, '#enrol-code');
  await page.getByLabel('Code from your app').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Turn on two-factor' }).click();
  await page.getByRole('button', { name: 'I’ve saved my codes' }).click();

  await page.goto(`/w/${slug}/settings`);
  await waitForHydration(page, '#ws-require-two-factor');
  await requireBox.check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(requireBox).toBeChecked();
  await snap(page, testInfo, 'required-two-factor-setting');

  await page.goto(`/w/${slug}/settings/members`);
  await page.getByLabel('Email address').fill(memberEmail);
  await page.locator('#invite-role').selectOption('member');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText(`Invitation sent to ${memberEmail}.`)).toBeVisible();

  // The member signs up from the invitation in their own browser and joins.
  const guest = await (await newDevice()).newPage();
  await expect(async () => {
    await guest.goto(`/dev/mailbox?to=${encodeURIComponent(memberEmail)}`);
    await guest.getByRole('link', { name: /invited you to/ }).first().click({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const invitePath = new URL((await guest.getByTestId('mailbox-link').first().getAttribute('href'))!).pathname;
  await guest.goto(invitePath);
  await guest.getByRole('link', { name: 'Create an account' }).click();
  await guest.getByLabel(/^Name/).fill('Mo Member');
  await guest.getByLabel(/^Password/).fill(FRESH_PASSWORD);
  await guest.getByRole('button', { name: 'Create account' }).click();
  await expect(guest).toHaveURL(/\/check-email/);
  await openEmail(guest, memberEmail, 'Confirm your email address');
  await followFirstLink(guest);
  await guest.getByRole('button', { name: 'Continue' }).click();
  await expect(guest).toHaveURL(new RegExp(`${invitePath}$`));
  await guest.getByRole('button', { name: /^Join / }).click();

  // Joined, but every page of the workspace sends them to turn on two-factor first.
  await expect(guest).toHaveURL(new RegExp(`/account/security\\?required=${slug}$`));
  await expect(guest.getByTestId('two-factor-required')).toContainText('requires two-factor authentication. Turn it on to continue.');
  await snap(guest, testInfo, 'required-two-factor-notice');
  await guest.goto(`/w/${slug}/bots`);
  await expect(guest).toHaveURL(new RegExp(`/account/security\\?required=${slug}$`));

  // The owner sees who hasn't set it up.
  await page.goto(`/w/${slug}/settings/members`);
  await expect(page.getByTestId('member-row').filter({ hasText: memberEmail }).getByText('Required — not set up')).toBeVisible();
});
