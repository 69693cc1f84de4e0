// First: sets up what the Next server provides before next/server is loaded.
import { fakeRequest } from '../../helpers/next-request-scope';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emailOutbox } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { createUserSession } from '@/lib/auth/sessions';
import { pendingDeliveryEvents, runDeliveryEvents, startFakeResend, type FakeResend } from '../../helpers/fake-resend';
import { PASSWORD, userWithPassword } from './support/two-factor';

// A password sign-in from a device the account hasn't used, through the form and Auth.js, in a
// request whose process dies once it has answered (its after() callbacks never run).
const client = vi.hoisted(() => ({ ip: '10.0.0.1' }));
vi.mock('next/headers', () => ({
  headers: async () =>
    new Headers({ host: 'localhost:3000', 'x-forwarded-proto': 'http', 'x-forwarded-for': client.ip, 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1' }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
}));

const { signInAction } = await import('@/app/(auth)/sign-in/actions');

let resend: FakeResend;
beforeAll(async () => {
  resend = await startFakeResend();
  resend.configure();
});
afterAll(() => resend.close());

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

describe('new sign-in notice', () => {
  it('commits with the recorded sign-in, before the answer, and is delivered once afterwards', async () => {
    client.ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
    const user = await userWithPassword();
    await withSystem('test', (tx) => createUserSession(tx, { userId: user.id, userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', ip: null, method: 'password' }));

    const answer = await fakeRequest().run(() =>
      signInAction(null, form({ email: user.email, password: PASSWORD, callbackUrl: '/w' })).catch((error: { digest?: string }) => error.digest ?? error),
    );
    expect(String(answer)).toMatch(/^NEXT_REDIRECT/);

    const rows = await withSystem('test', (tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, user.email)));
    expect(rows.map((r) => [r.template, r.status])).toEqual([['new-sign-in', 'queued']]);
    expect(await pendingDeliveryEvents([rows[0]!.id])).toHaveLength(1);
    expect(resend.requests).toEqual([]);

    await runDeliveryEvents([rows[0]!.id]);
    expect(resend.requests.filter((r) => r.body.to === user.email)).toHaveLength(1);
  });
});
