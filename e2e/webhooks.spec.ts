import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { expect as baseExpect, signIn, snap, test } from './fixtures';

const expect = baseExpect.configure({ timeout: 20_000 });

type Received = { headers: IncomingHttpHeaders; body: string };

// A receiver on loopback, which the e2e server admits (WEBHOOKS_ALLOW_PRIVATE_URLS=1).
async function startReceiver() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(state.status, { 'content-type': 'text/plain' }).end(state.status === 200 ? 'thanks' : 'receiver is down');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { received, state, url: `http://127.0.0.1:${port}/hooks/${randomUUID().slice(0, 8)}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// As the demo owner (Team trial): add an endpoint, keep its secret, send a test event and verify
// what arrived with the Standard Webhooks library, watch a failure in the log, send the
// delivered one again (same webhook-id), turn the endpoint off, and delete it.
test('a webhook endpoint: added, tested and verified, a failure logged, redelivered, turned off and deleted', async ({ page }, testInfo) => {
  test.setTimeout(150_000);
  const receiver = await startReceiver();
  try {
    await signIn(page);
    await expect(page).not.toHaveURL(/\/sign-in/);
    await page.goto('/w/demo/settings/webhooks');
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();

    await page.getByLabel(/^Endpoint URL/).fill(receiver.url);
    await page.getByLabel(/^Description/).fill('E2E receiver');
    await page.getByRole('checkbox', { name: /member\.joined/ }).check();
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    const secretField = page.getByTestId('issued-key-value');
    await expect(secretField).toHaveValue(/^whsec_/);
    const secret = await secretField.inputValue();
    await snap(page, testInfo, 'webhooks-secret-once');
    await page.getByRole('link', { name: 'Open the endpoint' }).click();
    await expect(page.getByRole('heading', { name: 'Webhook endpoint', level: 1 })).toBeVisible();
    await expect(page.getByText(receiver.url).first()).toBeVisible();

    await page.getByRole('button', { name: 'Send test event' }).click();
    const rows = page.getByTestId('webhook-delivery-row');
    await expect(rows.first()).toContainText('Delivered');
    expect(receiver.received).toHaveLength(1);
    const first = receiver.received[0]!;
    const verified = new Webhook(secret).verify(first.body, first.headers as Record<string, string>) as { type: string };
    expect(verified.type).toBe('webhook.test');
    const firstId = first.headers['webhook-id'];

    receiver.state.status = 500;
    await page.getByRole('button', { name: 'Send test event' }).click();
    await expect(rows).toHaveCount(2);
    await expect(rows.first()).toContainText('Retrying');
    await expect(rows.first()).toContainText('HTTP 500');
    await rows.first().getByText('Details').click();
    await expect(rows.first()).toContainText('receiver is down');
    await snap(page, testInfo, 'webhooks-delivery-log');

    receiver.state.status = 200;
    await rows.nth(1).getByRole('button', { name: /Send again/ }).click();
    await expect.poll(() => receiver.received.filter((r) => r.headers['webhook-id'] === firstId).length).toBe(2);

    await page.getByRole('button', { name: 'Turn off' }).click();
    await expect(page.getByRole('button', { name: 'Turn on' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send test event' })).toBeHidden();

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click();
    await expect(page).toHaveURL(/\/w\/demo\/settings\/webhooks$/);
    await expect(page.getByTestId('webhook-row').filter({ hasText: receiver.url })).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});
