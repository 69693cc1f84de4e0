// First: sets up what the Next server provides before next/server is loaded.
import { fakeRequest } from '../../helpers/next-request-scope';
import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { RESET_REQUEST_TIME_FLOOR_MS } from '@/lib/auth/password-reset';
import { form, submit } from '../actions/support';
import { templatesSentTo } from './support/mailbox';

vi.mock('next/headers', async () => (await import('../actions/support')).headersModule());

const { forgotPasswordAction } = await import('@/app/(auth)/forgot-password/actions');
const { createUser } = await import('../tenancy/support');

/** The answer as the browser gets it, how long it took, and what was committed by then. */
async function ask(email: string) {
  const start = performance.now();
  const answer = await fakeRequest().run(() => submit(forgotPasswordAction, form({ email })));
  return { answer, ms: performance.now() - start, committed: await templatesSentTo(email) };
}

describe('forgot-password action', () => {
  it('answers a known and an unknown address alike, no sooner than the floor, the known one’s email already committed', async () => {
    const user = await createUser();
    const known = await ask(user.email);
    const unknown = await ask(`nobody-${randomUUID().slice(0, 8)}@example.test`);
    expect(known.answer).toEqual({ redirect: '/check-email?kind=reset' });
    expect(unknown.answer).toEqual(known.answer);
    expect(known.committed).toEqual(['password-reset']);
    expect(unknown.committed).toEqual([]);
    // 1 ms of slack for timer granularity.
    expect(known.ms).toBeGreaterThanOrEqual(RESET_REQUEST_TIME_FLOOR_MS - 1);
    expect(unknown.ms).toBeGreaterThanOrEqual(RESET_REQUEST_TIME_FLOOR_MS - 1);
  });
});
