import { CallbackRouteError, CredentialsSignin } from '@auth/core/errors';
import { describe, expect, it, vi } from 'vitest';
import { DatabaseUnavailableError } from '@/db/tenant';

// Auth.js wraps whatever authorize threw in CallbackRouteError (the real error in `cause.err`);
// what the form says depends on what that was.
const outcome = vi.hoisted(() => ({ error: null as unknown }));
vi.mock('@/lib/auth/index', () => ({
  signIn: async () => {
    throw outcome.error;
  },
}));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}` }),
}));

const { signInAction } = await import('@/app/(auth)/sign-in/actions');

function form() {
  const data = new FormData();
  data.set('email', 'someone@example.test');
  data.set('password', 'a password that is long enough');
  data.set('callbackUrl', '/w');
  return data;
}

describe('the sign-in form while the database is away', () => {
  it('says to try again shortly, not that the password is wrong', async () => {
    outcome.error = new CallbackRouteError(new DatabaseUnavailableError() as never, { provider: 'credentials' } as never);
    const result = await signInAction(null, form());
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/try again/) } });
    expect(JSON.stringify(result)).not.toMatch(/don’t match/);
  });

  it('a refused password still gets the one wrong-credentials message', async () => {
    outcome.error = new CredentialsSignin();
    const result = await signInAction(null, form());
    expect(result).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/don’t match/) } });
  });
});
