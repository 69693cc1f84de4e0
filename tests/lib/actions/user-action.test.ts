import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string | null } }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '10.1.2.3', 'user-agent': 'vitest' }) }));
vi.mock('@/lib/tenancy/session', async () => {
  const { redirect } = await import('next/navigation');
  return {
    currentUser: async () => session.user,
    requireUser: async () => session.user ?? redirect('/sign-in'),
  };
});

const { userAction } = await import('@/lib/actions/user-action');
const { secret } = await import('@/lib/actions/secret');

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const signIn = () => (session.user = { id: randomUUID(), email: 'ada@example.test', name: 'Ada' });

describe('userAction', () => {
  it('sends a signed-out caller to sign-in before reading the form', async () => {
    session.user = null;
    const handler = vi.fn();
    const action = userAction({ input: z.object({ name: z.string() }) }, handler);
    await expect(action(null, form({ name: 'Ada' }))).rejects.toMatchObject({ digest: expect.stringContaining('/sign-in') });
    expect(handler).not.toHaveBeenCalled();
  });

  it('gives the handler the user and typed input; field errors echo no secrets', async () => {
    const user = signIn();
    const schema = z.object({ email: z.email({ error: 'Enter a valid email address.' }), currentPassword: secret(z.string().min(1)) });
    const action = userAction({ input: schema }, async ({ input, user }) => ({ userId: user.id, email: input.email }));
    expect(await action(null, form({ email: 'b@example.test', currentPassword: 'pw' }))).toEqual({ ok: true, data: { userId: user.id, email: 'b@example.test' } });
    expect(await action(null, form({ email: 'nope', currentPassword: 'pw' }))).toMatchObject({
      ok: false,
      fieldErrors: { email: ['Enter a valid email address.'] },
      values: { email: 'nope' },
    });
  });

  it('counts a `by: user` limit per person, not per address', async () => {
    signIn();
    const handler = vi.fn(async () => null);
    // emailChangeUser allows 5 an hour.
    const action = userAction({ input: z.object({}), rateLimit: { policy: 'emailChangeUser', by: 'user' } }, handler);
    for (let i = 0; i < 5; i++) expect(await action(null, form({}))).toMatchObject({ ok: true });
    expect(await action(null, form({}))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(handler).toHaveBeenCalledTimes(5);
    signIn();
    expect(await action(null, form({}))).toMatchObject({ ok: true });
  });
});
