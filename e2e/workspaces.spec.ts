import type { Page } from '@playwright/test';
import { expect as baseExpect, signIn, snap, test } from './fixtures';

// Generous: under `next dev` the first visit to each page compiles it.
const expect = baseExpect.configure({ timeout: 30_000 });

/** Hydrated before a screenshot: the screenshot's caret hiding touches the DOM React is about to claim. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
}

// As the demo owner: create a workspace, rename it, invite someone and follow the email to the
// invitation page, change a teammate's role, then schedule its deletion, cancel it, and schedule it again.
test('workspace lifecycle: create, rename, invite, change a role, schedule and cancel a deletion', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const tag = Math.random().toString(36).slice(2, 8);
  const name = `E2E Workspace ${tag}`;
  const renamed = `E2E Renamed ${tag}`;
  const invitee = `new-${tag}@example.test`;

  await signIn(page);
  await expect(page).toHaveURL(/\/w\/[a-z0-9-]+$/, { timeout: 30_000 });

  // Create through /onboarding: the first run for the demo user walks the three steps, later runs
  // (already onboarded) get the plain "New workspace" form.
  await page.goto('/onboarding');
  const firstRun = await page.getByLabel('Your name').isVisible();
  if (firstRun) await page.getByLabel('Your name').fill('Dana Demo');
  await page.getByLabel('Workspace name').fill(name);
  await page.getByLabel('Currency').selectOption('EUR');
  if (firstRun) {
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page).toHaveURL(/step=2/);
    await page.getByText('Money', { exact: true }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByTestId('first-steps').locator('li').first()).toContainText('Money');
    await page.getByRole('button', { name: 'Go to my workspace' }).click();
  } else {
    await page.getByRole('button', { name: 'Create workspace' }).click();
  }
  await expect(page).toHaveURL(/\/w\/e2e-workspace-[a-z0-9-]+$/);
  const slug = new URL(page.url()).pathname.split('/')[2]!;

  // Rename in General settings.
  await page.goto(`/w/${slug}/settings`);
  await page.getByLabel('Workspace name').fill(renamed);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
  await expect(page.getByLabel('Workspace name')).toHaveValue(renamed);
  await settle(page);
  await snap(page, testInfo, 'workspace-general');

  // Invite, then read the email in the dev mailbox and follow its link.
  await page.goto(`/w/${slug}/settings/members`);
  await page.getByLabel('Email address').fill(invitee);
  await page.getByRole('combobox', { name: 'Role' }).selectOption('member');
  await page.getByRole('button', { name: 'Send invitation' }).click();
  await expect(page.getByText(`Invitation sent to ${invitee}.`)).toBeVisible();
  await expect(page.getByTestId('invitation-row').filter({ hasText: invitee })).toBeVisible();

  await page.goto(`/dev/mailbox?to=${encodeURIComponent(invitee)}`);
  await page.getByRole('link', { name: new RegExp(`invited you to ${renamed}`) }).first().click();
  const href = await page.getByTestId('mailbox-link').first().getAttribute('href');
  expect(href).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  // The link is absolute for APP_URL; follow its path on the server under test.
  await page.goto(new URL(href!).pathname);
  await expect(page.getByTestId('invite-workspace')).toHaveText(`Join ${renamed}`);
  await expect(page.getByText(`This invitation was sent to ${invitee}`)).toBeVisible();

  // Change the teammate's role in the demo workspace, then put it back.
  await page.goto('/w/demo/settings/members');
  const role = page.getByRole('combobox', { name: 'Role for Alex Rivera' });
  await role.selectOption('viewer');
  await page.getByRole('button', { name: 'Save role for Alex Rivera' }).click();
  await expect(page.getByTestId('member-row').filter({ hasText: 'Alex Rivera' }).getByRole('status')).toHaveText('Role saved.');
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Role for Alex Rivera' })).toHaveValue('viewer');
  await settle(page);
  await snap(page, testInfo, 'workspace-members');
  await page.getByRole('combobox', { name: 'Role for Alex Rivera' }).selectOption('member');
  await page.getByRole('button', { name: 'Save role for Alex Rivera' }).click();
  await expect(page.getByTestId('member-row').filter({ hasText: 'Alex Rivera' }).getByRole('status')).toHaveText('Role saved.');

  // Schedule the deletion (typed confirmation): the workspace turns read-only with a banner on
  // every page; a change is refused; cancelling makes it writable again. Scheduled once more at
  // the end, so the workspaces reruns make are purged after their 30 days.
  await page.goto(`/w/${slug}/settings`);
  await page.getByRole('button', { name: 'Delete workspace' }).click();
  const confirm = page.getByRole('button', { name: 'Schedule deletion' });
  await expect(confirm).toBeDisabled();
  await page.getByLabel(`Type ${renamed} to confirm`).fill(renamed);
  await confirm.click();
  const banner = page.getByTestId('deletion-banner');
  await expect(banner).toContainText('This workspace will be deleted on');
  await expect(page.getByTestId('deletion-scheduled')).toBeVisible();
  await settle(page);
  await snap(page, testInfo, 'workspace-deletion-scheduled');
  await page.goto(`/w/${slug}/settings/members`);
  await expect(banner).toBeVisible();
  await page.goto(`/w/${slug}/settings`);
  await page.getByLabel('Workspace name').fill(`${renamed} again`);
  await page.getByRole('button', { name: 'Save changes' }).first().click();
  await expect(page.getByRole('alert').filter({ hasText: 'read-only' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel deletion' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByRole('button', { name: 'Delete workspace' })).toBeVisible();

  await page.getByRole('button', { name: 'Delete workspace' }).click();
  await page.getByLabel(`Type ${renamed} to confirm`).fill(renamed);
  await page.getByRole('button', { name: 'Schedule deletion' }).click();
  await expect(banner).toBeVisible();
});
