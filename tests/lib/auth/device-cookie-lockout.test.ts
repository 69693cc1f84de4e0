import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { users } from '@/db/schema';
import { inTransaction, withSystem } from '@/db/tenant';
import { hashPassword } from '@/lib/auth/password';
import { kv } from '@/lib/redis';

// The OWASP device-cookie scheme: a browser that signed in before keeps its way in while strangers
// lock the account for untrusted clients. Each `Browser` is a cookie jar; every attempt comes from
// a new address, so the per-IP limit (5 a minute) stays out of the way.
const browsers = vi.hoisted(() => ({ current: new Map<string, string>() }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (browsers.current.has(name) ? { name, value: browsers.current.get(name) } : undefined),
    set: (name: string, value: string) => void browsers.current.set(name, value),
    delete: (name: string) => void browsers.current.delete(name),
  }),
}));

const { authorizePassword, LockedOutSignIn } = await import('@/lib/auth/password-sign-in');
const { DEVICE_COOKIE } = await import('@/lib/auth/device-cookie');

const PASSWORD = 'correct horse battery staple';
const octet = () => Math.floor(Math.random() * 250) + 1;

class Browser {
  readonly jar = new Map<string, string>();

  async signIn(email: string, password: string): Promise<string> {
    browsers.current = this.jar;
    const cookie = [...this.jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const request = new Request('http://localhost/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'x-forwarded-for': `10.${octet()}.${octet()}.${octet()}`, 'user-agent': 'vitest', ...(cookie ? { cookie } : {}) },
    });
    try {
      return (await authorizePassword({ email, password }, request)) ? 'signed-in' : 'wrong';
    } catch (error) {
      if (error instanceof LockedOutSignIn) return 'locked';
      return (error as { code?: string }).code ?? 'error';
    }
  }
}

async function makeUser() {
  const email = `device-${randomUUID().slice(0, 8)}@example.test`;
  const passwordHash = await hashPassword(PASSWORD);
  await withSystem('test: test user', (tx) => tx.insert(users).values({ email, passwordHash }));
  return email;
}

/** Five wrong passwords, each from a new address and a browser with no cookies: a spray. */
async function strangersFail(email: string, times = 5) {
  const outcomes = [];
  for (let i = 0; i < times; i++) outcomes.push(await new Browser().signIn(email, 'wrong password'));
  return outcomes;
}

describe('device cookies against lockout as a denial of service', () => {
  it('a successful sign-in leaves a signed device cookie bound to the account', async () => {
    const email = await makeUser();
    const browser = new Browser();
    expect(await browser.signIn(email, PASSWORD)).toBe('signed-in');
    const value = browser.jar.get(DEVICE_COOKIE);
    expect(value).toBeTruthy();
    const [row] = await withSystem('test: read', (tx) => tx.select({ id: users.id }).from(users).where(eq(users.email, email)));
    expect(value).toContain(row!.id);
  });

  it("strangers' wrong passwords lock untrusted clients out, but the owner's device still signs in with the right password", async () => {
    const email = await makeUser();
    const owner = new Browser();
    expect(await owner.signIn(email, PASSWORD)).toBe('signed-in');

    expect(await strangersFail(email)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'locked']);
    expect(await new Browser().signIn(email, PASSWORD)).toBe('locked');
    expect(await owner.signIn(email, PASSWORD)).toBe('signed-in');
    // The owner's sign-in doesn't lift the lock the strangers earned.
    expect(await new Browser().signIn(email, PASSWORD)).toBe('locked');
  });

  it('wrong passwords with a device cookie lock only that device cookie', async () => {
    const email = await makeUser();
    const laptop = new Browser();
    const phone = new Browser();
    expect(await laptop.signIn(email, PASSWORD)).toBe('signed-in');
    expect(await phone.signIn(email, PASSWORD)).toBe('signed-in');

    const outcomes = [];
    for (let i = 0; i < 5; i++) outcomes.push(await laptop.signIn(email, 'wrong password'));
    expect(outcomes).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'locked']);
    expect(await laptop.signIn(email, PASSWORD)).toBe('locked');
    expect(await phone.signIn(email, PASSWORD)).toBe('signed-in');
    expect(await new Browser().signIn(email, PASSWORD)).toBe('signed-in');
  });

  it('a tampered device cookie, or one of another account, counts as an untrusted client', async () => {
    const email = await makeUser();
    const other = await makeUser();
    const owner = new Browser();
    expect(await owner.signIn(other, PASSWORD)).toBe('signed-in'); // a cookie, but for `other`
    const forged = new Browser();
    expect(await forged.signIn(email, PASSWORD)).toBe('signed-in');
    const [version, userId, nonce, signature] = forged.jar.get(DEVICE_COOKIE)!.split('.');
    forged.jar.set(DEVICE_COOKIE, [version, userId, `${nonce}x`, signature].join('.'));

    await strangersFail(email);
    expect(await owner.signIn(email, PASSWORD)).toBe('locked');
    expect(await forged.signIn(email, PASSWORD)).toBe('locked');
  });

  it('an unknown email answers exactly like a known one, with or without a device cookie in the browser', async () => {
    const known = await makeUser();
    const unknown = `nobody-${randomUUID().slice(0, 8)}@example.test`;
    const withCookie = new Browser();
    expect(await withCookie.signIn(await makeUser(), PASSWORD)).toBe('signed-in');
    const outcomes = async (email: string) => {
      const seen = await strangersFail(email, 6);
      seen.push(await withCookie.signIn(email, 'wrong password'));
      return seen;
    };
    expect(await outcomes(unknown)).toEqual(await outcomes(known));
  });
});

describe('the sign-in path and Redis', () => {
  afterEach(() => vi.restoreAllMocks());

  it('makes no Redis call inside a database transaction', async () => {
    const store = kv();
    const inside: string[] = [];
    for (const method of ['get', 'set', 'del', 'incr', 'incrBy', 'expire', 'ttl'] as const) {
      const original = store[method].bind(store) as (...args: unknown[]) => Promise<unknown>;
      vi.spyOn(store, method).mockImplementation(((...args: unknown[]) => {
        if (inTransaction()) inside.push(`${method} ${String(args[0])}`);
        return original(...args);
      }) as never);
    }
    const email = await makeUser();
    const owner = new Browser();
    expect(await owner.signIn(email, PASSWORD)).toBe('signed-in');
    await strangersFail(email);
    for (let i = 0; i < 5; i++) await owner.signIn(email, 'wrong password');
    await strangersFail(`nobody-${randomUUID().slice(0, 8)}@example.test`);
    expect(inside).toEqual([]);
  });
});
