import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEER_ADDRESS_HEADER_KEY, type PeerHeaderHolder } from '@/lib/http/peer-address';
import { authorizePassword, SIGN_IN_TIME_FLOOR_MS } from '@/lib/auth/password-sign-in';
import { userWithPassword } from './support/two-factor';

// A fresh client address per request (stamped socket header), so the sign-in limits don't interfere.
const PEER = 'x-test-peer-address';
const holder = globalThis as PeerHeaderHolder;
const previousPeer = holder[PEER_ADDRESS_HEADER_KEY];
beforeAll(() => void (holder[PEER_ADDRESS_HEADER_KEY] = PEER));
afterAll(() => void (holder[PEER_ADDRESS_HEADER_KEY] = previousPeer));
const ip = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
const request = () =>
  new Request('http://localhost:3000/api/auth/callback/password', { headers: { 'user-agent': 'vitest', [PEER]: ip() } });

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
