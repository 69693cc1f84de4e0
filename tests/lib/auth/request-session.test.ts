import { NextRequest } from 'next/server';
import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { withSystem } from '@/db/tenant';
import { env } from '@/lib/env';
import { forwardedMembership, forwardedSession, forwardedSessionHeader, sessionFromRequestHeaders } from '@/lib/auth/request-session';
import { createUserSession, revokeAllSessions, revokeSession } from '@/lib/auth/sessions';
import { middleware } from '@/middleware';
import { createTenant } from '../../helpers/database';

const COOKIE = 'authjs.session-token';
const rand = () => Math.floor(Math.random() * 250) + 1;

async function signedIn() {
  const { user, workspace } = await createTenant();
  const { sessionId } = await withSystem('test: sign-in', (tx) =>
    createUserSession(tx, { userId: user.id, userAgent: 'vitest', ip: '203.0.113.9', method: 'password' }),
  );
  const token = await encode({ token: { uid: user.id, sid: sessionId, tv: 0, email: user.email }, secret: env().AUTH_SECRET, salt: COOKIE });
  return { user, workspace, sessionId, token };
}

function request(path: string, headers: Record<string, string> = {}) {
  return new NextRequest(`http://localhost:3000${path}`, {
    headers: { 'x-forwarded-for': `198.18.${rand()}.${rand()}`, ...headers },
  });
}

/** The request headers middleware hands on to the page (NextResponse.next({ request: { headers } })). */
function forwardedHeaders(response: Response): Headers {
  const names = (response.headers.get('x-middleware-override-headers') ?? '').split(',').filter(Boolean);
  const headers = new Headers();
  for (const name of names) {
    const value = response.headers.get(`x-middleware-request-${name}`);
    if (value !== null) headers.set(name, value);
  }
  return headers;
}

describe('the request session: checked once, by middleware, for the page', () => {
  it('middleware checks the session and forwards it, so the page does not check it again', async () => {
    const { user, sessionId, token } = await signedIn();
    const response = await middleware(request('/account', { cookie: `${COOKIE}=${token}` }));
    expect(response.headers.get('x-middleware-next')).toBe('1');
    const session = forwardedSession(forwardedHeaders(response));
    expect(session).toEqual({ user: { id: user.id, email: user.email, name: user.name, emailVerified: false }, sessionId });
  });

  it("a workspace page gets the gate's membership read with the session, for that user and slug only", async () => {
    const { user, workspace, token } = await signedIn();
    const response = await middleware(request(`/w/${workspace.slug}`, { cookie: `${COOKIE}=${token}` }));
    const headers = forwardedHeaders(response);
    expect(forwardedMembership(headers, user.id, workspace.slug)?.current).toMatchObject({ id: workspace.id, role: 'owner' });
    expect(forwardedMembership(headers, user.id, 'another-slug')).toBeNull();
    expect(forwardedMembership(headers, 'another-user', workspace.slug)).toBeNull();
    // A page outside any workspace forwards the session alone.
    expect(forwardedMembership(forwardedHeaders(await middleware(request('/account', { cookie: `${COOKIE}=${token}` }))), user.id, workspace.slug)).toBeNull();
  });

  it('a revoked session, or one older than the token version, is sent to sign-in', async () => {
    const { user, sessionId, token } = await signedIn();
    await withSystem('test: revoke', (tx) => revokeSession(tx, user.id, sessionId, 'test'));
    const revoked = await middleware(request('/account', { cookie: `${COOKIE}=${token}` }));
    expect(revoked.status).toBe(307);
    expect(revoked.headers.get('location')).toContain('/sign-in?callbackUrl=%2Faccount');

    const other = await signedIn();
    await withSystem('test: sign out everywhere', (tx) => revokeAllSessions(tx, other.user.id, { reason: 'test' }));
    expect((await middleware(request('/account', { cookie: `${COOKIE}=${other.token}` }))).status).toBe(307);
  });

  it('a session header sent by the client is dropped, signed in or not', async () => {
    const { user, sessionId } = await signedIn();
    const forged = Buffer.from(JSON.stringify({ user: { id: user.id, email: user.email, name: null, emailVerified: true }, sessionId })).toString('base64url');
    const name = forwardedSessionHeader();
    const publicPage = await middleware(request('/pricing', { [name]: forged }));
    expect(forwardedHeaders(publicPage).has(name)).toBe(false);
    expect(forwardedSession(forwardedHeaders(publicPage))).toBeUndefined();
    const protectedPage = await middleware(request('/account', { [name]: forged }));
    expect(protectedPage.status).toBe(307);
  });

  it('reads only the cookie Auth.js reads: the __Secure- one on https, none signed with another secret', async () => {
    const { user, token } = await signedIn();
    const plain = new Headers({ cookie: `${COOKIE}=${token}`, 'x-forwarded-proto': 'http' });
    expect((await sessionFromRequestHeaders(plain))?.user.id).toBe(user.id);
    // On https Auth.js reads `__Secure-authjs.session-token` only; a plain cookie there could have been tossed in.
    expect(await sessionFromRequestHeaders(new Headers({ cookie: `${COOKIE}=${token}`, 'x-forwarded-proto': 'https' }))).toBeNull();
    const other = await signedIn();
    const secure = await encode({ token: { uid: other.user.id, sid: other.sessionId, tv: 0 }, secret: env().AUTH_SECRET, salt: `__Secure-${COOKIE}` });
    expect((await sessionFromRequestHeaders(new Headers({ cookie: `__Secure-${COOKIE}=${secure}`, 'x-forwarded-proto': 'https' })))?.user.id).toBe(other.user.id);
    const foreign = await encode({ token: { uid: user.id, sid: 'x', tv: 0 }, secret: 'another-secret-another-secret-another-secret', salt: COOKIE });
    expect(await sessionFromRequestHeaders(new Headers({ cookie: `${COOKIE}=${foreign}`, 'x-forwarded-proto': 'http' }))).toBeNull();
    expect(await sessionFromRequestHeaders(new Headers({ cookie: `${COOKIE}=not-a-token`, 'x-forwarded-proto': 'http' }))).toBeNull();
  });
});
