import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { authorizePassword, SIGN_IN_TIME_FLOOR_MS } from '@/lib/auth/password-sign-in';
import { userWithPassword } from './support/two-factor';

const request = () => new Request('http://localhost:3000/api/auth/callback/password', { headers: { 'user-agent': 'vitest' } });

async function timed(work: () => Promise<unknown>) {
  const start = performance.now();
  const result = await work().catch((error: unknown) => error);
  return { ms: performance.now() - start, result };
}

describe('password sign-in time floor', () => {
  it('a wrong password for a known email and any password for an unknown one both wait for the floor', async () => {
    const user = await userWithPassword();
    const known = await timed(() => authorizePassword({ email: user.email, password: 'wrong password' }, request()));
    const unknown = await timed(() => authorizePassword({ email: `nobody-${randomUUID().slice(0, 8)}@example.test`, password: 'wrong password' }, request()));
    expect(known.result).toBeNull();
    expect(unknown.result).toBeNull();
    // 1 ms of slack for timer granularity.
    expect(known.ms).toBeGreaterThanOrEqual(SIGN_IN_TIME_FLOOR_MS - 1);
    expect(unknown.ms).toBeGreaterThanOrEqual(SIGN_IN_TIME_FLOOR_MS - 1);
  });
});
