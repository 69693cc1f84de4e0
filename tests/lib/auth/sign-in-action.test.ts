import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { userSessions } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { codeAt, enrolledUser, PASSWORD, userWithPassword } from './support/two-factor';

// The password form and the code step through publicAction and Auth.js itself, with a recorded
// cookie jar and a fresh client address per test (the sign-in limits count by IP).
const jar = vi.hoisted(() => new Map<string, string>());
const client = vi.hoisted(() => ({ ip: '10.0.0.1' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: 'localhost:3000', 'x-forwarded-proto': 'http', 'x-forwarded-for': client.ip, 'user-agent': 'vitest' }),
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
}));

const { signInAction } = await import('@/app/(auth)/sign-in/actions');
const { twoFactorSignInAction } = await import('@/app/(auth)/sign-in/two-factor/actions');

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

function freshClient() {
  jar.clear();
  client.ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
}

/** The action's result, or where it redirected (Next's digest, origin stripped). */
async function submit(action: typeof signInAction, fields: Record<string, string>) {
  try {
    return { result: await action(null, form(fields)) };
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (!digest.startsWith('NEXT_REDIRECT')) throw error;
    return { redirect: digest.split(';')[2]!.replace(/^https?:\/\/[^/]+/, '') };
  }
}

const sessionsOf = (userId: string) => withSystem('test', (tx) => tx.select().from(userSessions).where(eq(userSessions.userId, userId)));

describe('sign-in form', () => {
  it('gives one message for an unknown email and a wrong password, and refills only the email', async () => {
    freshClient();
    const user = await userWithPassword();
    const unknown = await submit(signInAction, { email: `nobody-${randomUUID().slice(0, 8)}@example.test`, password: 'wrong password', callbackUrl: '/w' });
    freshClient();
    const wrong = await submit(signInAction, { email: user.email, password: 'wrong password', callbackUrl: '/w' });
    const message = 'That email and password don’t match. Check them and try again.';
    expect(unknown.result).toMatchObject({ ok: false, error: { message } });
    expect(wrong.result).toMatchObject({ ok: false, error: { message } });
    expect(wrong.result?.values).toEqual({ email: user.email, callbackUrl: '/w' });
    expect(unknown.result).toEqual({ ...wrong.result, values: { ...wrong.result?.values, email: expect.any(String) } });
  });

  it('signs in and lands on the callback; a foreign callback becomes /w', async () => {
    freshClient();
    const user = await userWithPassword();
    expect(await submit(signInAction, { email: user.email, password: PASSWORD, callbackUrl: 'https://evil.example/' })).toEqual({ redirect: '/w' });
    expect([...jar.keys()]).toEqual(expect.arrayContaining([expect.stringMatching(/authjs\.session-token$/)]));
    expect(await sessionsOf(user.id)).toMatchObject([{ method: 'password' }]);
  });

  it('invalid input is answered under the fields, without a sign-in attempt', async () => {
    freshClient();
    expect((await submit(signInAction, { email: 'not an email', callbackUrl: '/w' })).result).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
      fieldErrors: { email: ['Enter a valid email address.'], password: ['Enter your password.'] },
    });
  });
});

describe('two-factor sign-in', () => {
  it('password, then the code step: a wrong code stays on the form, the right one signs in', async () => {
    freshClient();
    const { user, secret } = await enrolledUser();
    expect(await submit(signInAction, { email: user.email, password: PASSWORD, callbackUrl: '/w/somewhere' })).toEqual({ redirect: '/sign-in/two-factor' });
    // No session yet; the device cookie vouches only for the password (lib/auth/device-cookie.ts).
    expect([...jar.keys()].sort()).toEqual(['tessera.2fa', 'tessera.device']);

    expect((await submit(twoFactorSignInAction, { code: '000000' })).result).toEqual({
      ok: false,
      error: { code: 'validation_failed', message: 'That code didn’t work. Check your authenticator app and try again.' },
      fieldErrors: { code: ['That code didn’t work. Check your authenticator app and try again.'] },
      values: {},
    });
    expect(await submit(twoFactorSignInAction, { code: await codeAt(secret, new Date()) })).toEqual({ redirect: '/w/somewhere' });
    expect(jar.has('tessera.2fa')).toBe(false);
    expect(await sessionsOf(user.id)).toMatchObject([{ method: 'password+2fa' }]);
  });

  it('without a pending challenge the code step says the sign-in expired', async () => {
    freshClient();
    expect((await submit(twoFactorSignInAction, { code: '123456' })).result).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'This sign-in has expired. Start again from the sign-in page.' },
      values: {},
    });
  });
});
