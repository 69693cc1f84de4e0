import { randomUUID } from 'node:crypto';
import { expect, signIn, snap, test } from './fixtures';
import { FRESH_PASSWORD } from './fresh-user';

// A teammate without an account: invited by the demo owner, signs up from the invitation, joins —
// and still sees nothing of the demo user's other workspace.
test('an invited person signs up, joins the workspace, and gets 404 elsewhere', async ({ page, newDevice, consoleErrors }, testInfo) => {
  const invitee = `joiner-${randomUUID().slice(0, 8)}@example.test`;

  await signIn(page);
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/);
  await page.goto('/w/demo/settings/members');
  await page.getByLabel('Email address').fill(invitee);
  await page.locator('#invite-role').selectOption('member');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText(`Invitation sent to ${invitee}.`)).toBeVisible();

  // The invitee uses their own browser.
  const guest = await (await newDevice()).newPage();
  await expect(async () => {
    await guest.goto(`/dev/mailbox?to=${encodeURIComponent(invitee)}`);
    await guest.getByRole('link', { name: /invited you to/ }).first().click({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const href = await guest.getByTestId('mailbox-link').first().getAttribute('href');
  const invitePath = new URL(href!).pathname;
  await guest.goto(invitePath);
  await guest.getByRole('link', { name: 'Create an account' }).click();
  await expect(guest).toHaveURL(/\/sign-up\?invite=/);
  await guest.getByLabel(/^Name/).fill('Jo Joiner');
  await expect(guest.getByLabel(/^Email\*?$/)).toHaveValue(invitee);
  await guest.getByLabel(/^Password/).fill(FRESH_PASSWORD);
  await guest.getByRole('button', { name: 'Create account' }).click();
  await expect(guest).toHaveURL(/\/check-email/);

  // Sign-up doesn't sign in; the confirmation link does, and leads back to the invitation.
  await expect(async () => {
    await guest.goto(`/dev/mailbox?to=${encodeURIComponent(invitee)}`);
    await guest.getByRole('link', { name: 'Confirm your email address' }).first().click({ timeout: 1_000 });
    await expect(guest.getByRole('heading', { name: 'Confirm your email address', level: 1 })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await guest.getByTestId('mailbox-link').first().click();
  await expect(guest.getByRole('heading', { name: 'Email address confirmed' })).toBeVisible();
  await guest.getByRole('button', { name: 'Continue' }).click();
  await expect(guest).toHaveURL(new RegExp(`${invitePath}$`));

  await guest.getByRole('button', { name: /^Join / }).click();
  await expect(guest).toHaveURL(/\/w\/demo$/);
  await expect(guest.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await snap(guest, testInfo, 'joined-workspace');

  // Member of demo, not of atlas-store: its URLs don't exist for them.
  const response = await guest.goto('/w/atlas-store/settings');
  expect(response?.status()).toBe(404);

  // The owner sees the new member.
  await page.goto('/w/demo/settings/members');
  await expect(page.getByText(invitee)).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
