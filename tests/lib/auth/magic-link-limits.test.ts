import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emailOutbox } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { ACCOUNT_LIMITS } from '@/lib/auth/account-limits';
import { PEER_ADDRESS_HEADER_KEY, type PeerHeaderHolder } from '@/lib/http/peer-address';
import { userWithPassword } from './support/two-factor';

// Direct POSTs to Auth.js's own route handler (app/api/auth/[...nextauth]), the way a script
// would send them: a csrf token from /api/auth/csrf, then signin/email. The client address comes
// from a stamped socket header (lib/http/peer-stamp's mechanism), so each test picks its IP.
// The suite's setup reads client IPs from X-Forwarded-For; this test means the socket peer.
vi.hoisted(() => {
  process.env.CLIENT_IP_SOURCE = 'socket';
});

vi.mock('next/headers', () => ({
  headers: async () => new Headers({ host: 'localhost:3000' }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));

const PEER = 'x-test-peer-address';
const holder = globalThis as PeerHeaderHolder;
const previousPeer = holder[PEER_ADDRESS_HEADER_KEY];
beforeAll(() => void (holder[PEER_ADDRESS_HEADER_KEY] = PEER));
afterAll(() => void (holder[PEER_ADDRESS_HEADER_KEY] = previousPeer));

const { GET, POST } = await import('@/app/api/auth/[...nextauth]/route');
const ORIGIN = 'http://localhost:3000';
type Handler = (request: Request, context: unknown) => Promise<Response>;
const ctx = (...nextauth: string[]) => ({ params: Promise.resolve({ nextauth }) });

const randomIp = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
const address = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}@example.test`;

/** One scripted sign-in email request from `ip`: fresh csrf token, then the POST. Status + Location. */
async function requestLink(ip: string, email: string) {
  const csrf = await (GET as unknown as Handler)(new Request(`${ORIGIN}/api/auth/csrf`, { headers: { [PEER]: ip } }), ctx('csrf'));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const response = await (POST as unknown as Handler)(
    new Request(`${ORIGIN}/api/auth/signin/email`, {
      method: 'POST',
      headers: { [PEER]: ip, cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrfToken, email, callbackUrl: '/w' }),
    }),
    ctx('signin', 'email'),
  );
  return { status: response.status, location: response.headers.get('location') };
}

const mailedTo = async (emails: string[]) =>
  (await withSystem('test', (tx) => tx.select({ to: emailOutbox.to }).from(emailOutbox).where(inArray(emailOutbox.to, emails)))).map((r) => r.to);

describe('magic-link limits on a direct POST to /api/auth/signin/email', () => {
  it('mails at most 5 addresses a minute from one IP (magicLinkIpMinute), and answers every request the same', async () => {
    const ip = randomIp();
    // Within one minute the minute row decides; the 15-minute row is looser per minute.
    const limit = ACCOUNT_LIMITS.magicLinkIpMinute.limit;
    expect(limit).toBe(5);
    expect(ACCOUNT_LIMITS.magicLinkIp.limit).toBeGreaterThan(limit);
    const emails = Array.from({ length: limit + 3 }, () => address('flood'));
    const answers = [];
    for (const email of emails) answers.push(await requestLink(ip, email));
    expect((await mailedTo(emails)).length).toBe(limit);
    expect(answers[0]!.status).toBe(302);
    expect(answers[0]!.location).toContain('/verify-request');
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    // Another IP is not affected.
    const other = address('other');
    await requestLink(randomIp(), other);
    expect(await mailedTo([other])).toEqual([other]);
  });

  it('mails one address at most magicLinkEmail times across IPs, with the same answer for known and unknown addresses', async () => {
    const known = (await userWithPassword()).email;
    const unknown = address('unknown');
    const limit = ACCOUNT_LIMITS.magicLinkEmail.limit;
    const answers = [];
    for (let i = 0; i < limit + 2; i++) {
      answers.push(await requestLink(randomIp(), known));
      answers.push(await requestLink(randomIp(), unknown));
    }
    const sent = await mailedTo([known, unknown]);
    expect(sent.filter((to) => to === known).length).toBe(limit);
    expect(sent.filter((to) => to === unknown).length).toBe(limit);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });
});
