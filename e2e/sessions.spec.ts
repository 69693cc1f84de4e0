import { expect, snap, test } from './fixtures';
import { signIn, signUpFreshUser, waitForHydration } from './fresh-user';

test('revoking a session signs that device out on its next request', async ({ page, newDevice }, testInfo) => {
  const user = await signUpFreshUser(page, 'sessions');

  const deviceB = await newDevice();
  const pageB = await deviceB.newPage();
  await signIn(pageB, user.email, user.password);
  await expect(pageB).not.toHaveURL(/\/sign-in/);
  const deviceC = await newDevice();
  const pageC = await deviceC.newPage();
  await signIn(pageC, user.email, user.password);
  await expect(pageC).not.toHaveURL(/\/sign-in/);

  await page.goto('/account/security');
  const sessions = page.getByRole('list', { name: 'Signed-in devices' }).getByRole('listitem');
  await expect(sessions).toHaveCount(3);
  await expect(sessions.filter({ hasText: 'This device' })).toHaveCount(1);
  // The current device is signed out, not revoked.
  await expect(sessions.filter({ hasText: 'This device' }).getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  await waitForHydration(page, '[data-testid="sessions-list"] form');
  await snap(page, testInfo, 'security-sessions');

  await sessions.filter({ hasNotText: 'This device' }).first().getByRole('button', { name: /Revoke/ }).click();
  await expect(sessions).toHaveCount(2);

  // Exactly one of B and C was revoked; "sign out everywhere else" then ends the other.
  await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
  await expect(page.getByText('Signed out 1 other session.')).toBeVisible();
  await expect(sessions).toHaveCount(1);

  for (const other of [pageB, pageC]) {
    await other.goto('/w');
    await expect(other).toHaveURL(/\/sign-in/);
  }
  // This device is still signed in.
  await page.goto('/account/security');
  await expect(page).toHaveURL(/\/account\/security/);
  await expect(page.getByText('All sessions revoked').first()).toBeVisible();
  await expect(page.getByText('Session revoked').first()).toBeVisible();
});
