// First: sets up what the Next server provides before next/server is loaded.
import { fakeRequest } from '../../helpers/next-request-scope';
import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { form, submit } from '../actions/support';

// Sign-up, password reset and magic link: at most 5 a minute from one IP (issue 9), whatever the
// addresses. Each test picks its own client address through this holder.
const client = vi.hoisted(() => {
  // The counts are the subject: under CI load a Redis answer can pass the 200 ms production
  // timeout, and the fail-open per-process limiter would then count the burst a second time.
  process.env.REDIS_TIMEOUT_MS = '1000';
  return { ip: '10.0.0.1' };
});
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-forwarded-for': client.ip, 'user-agent': 'vitest' }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
}));

const { signUpAction } = await import('@/app/(auth)/sign-up/actions');
const { forgotPasswordAction } = await import('@/app/(auth)/forgot-password/actions');
const { magicLinkAction } = await import('@/app/(auth)/magic-link/actions');
const { signUpWithPassword } = await import('@/lib/auth/sign-up');

const freshIp = () => `10.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}.${Math.floor(Math.random() * 250) + 1}`;
const email = () => `limits-${randomUUID().slice(0, 8)}@example.test`;
const PASSWORD = 'copper-lantern-orbit-71';

/** Six requests from one IP, each for another address: what each one answered. */
async function sixFromOneIp(send: () => Promise<unknown>) {
  client.ip = freshIp();
  // Six requests take a few seconds (sign-up floors its answer time): start them clear of a
  // minute boundary, so a fixed one-minute window can't split them and count 5 + 1.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 200));
  const answers = [];
  for (let i = 0; i < 6; i++) answers.push(await fakeRequest().run(send));
  return answers;
}

const refused = (answer: unknown) => JSON.stringify(answer).includes('Too many requests');

describe('account flows: 5 a minute per IP', () => {
  it('sign-up', async () => {
    const answers = await sixFromOneIp(() => submit(signUpAction, form({ name: 'Ada', email: email(), password: PASSWORD })));
    expect(answers.map(refused)).toEqual([false, false, false, false, false, true]);
  });

  it('password reset', async () => {
    const answers = await sixFromOneIp(() => submit(forgotPasswordAction, form({ email: email() })));
    expect(answers.map(refused)).toEqual([false, false, false, false, false, true]);
  });

  it('magic link', async () => {
    const answers = await sixFromOneIp(() => submit(magicLinkAction, form({ email: email(), callbackUrl: '/w' })));
    expect(answers.map(refused)).toEqual([false, false, false, false, false, true]);
  });
});

describe('sign-up: per email', () => {
  it('refuses a fourth sign-up for one address within 15 minutes, from any IP, account or not', async () => {
    const address = email();
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(
        await signUpWithPassword({ name: 'Ada', email: address, password: PASSWORD }).then(
          (r) => r.status,
          (e: { code?: string }) => e.code,
        ),
      );
    }
    expect(outcomes).toEqual(['created', 'exists', 'exists', 'rate_limited']);
  });
});
