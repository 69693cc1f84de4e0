import { beforeEach, describe, expect, it, vi } from 'vitest';

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined) }),
}));

const { pendingCallbackPath } = await import('@/lib/auth/pending-callback');

describe('pendingCallbackPath', () => {
  beforeEach(() => jar.clear());

  it('keeps the path and query of the sign-in in progress', async () => {
    jar.set('authjs.callback-url', 'http://localhost:3200/w/demo/settings?tab=members');
    expect(await pendingCallbackPath()).toBe('/w/demo/settings?tab=members');
    jar.clear();
    jar.set('__Secure-authjs.callback-url', 'https://app.example.com/account/security');
    expect(await pendingCallbackPath()).toBe('/account/security');
  });

  it('drops a foreign origin, keeping only a same-site path', async () => {
    jar.set('authjs.callback-url', 'https://evil.example/w/phish');
    expect(await pendingCallbackPath()).toBe('/w/phish');
    jar.set('authjs.callback-url', '//evil.example/x');
    expect(await pendingCallbackPath()).toBe('/x');
  });

  it('falls back without the cookie', async () => {
    expect(await pendingCallbackPath()).toBe('/w');
    expect(await pendingCallbackPath('/onboarding')).toBe('/onboarding');
  });
});
