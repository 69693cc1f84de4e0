import { NextResponse, type NextRequest } from 'next/server';
import {
  encodeForwardedSession,
  forwardedSessionHeader,
  sessionFromRequestHeaders,
  type ForwardedMembership,
  type RequestSession,
} from '@/lib/auth/request-session';
import { preflightResponse } from '@/lib/api/cors';
import { env } from '@/lib/env';
import { errorBody } from '@/lib/errors/app-error';
import { bodyExceedsLimit, bodyLimitFor } from '@/lib/http/body-limit';
import { middlewareFailure } from '@/lib/http/middleware-failure';
import { clientIp, UNKNOWN_IP } from '@/lib/http/client-ip';
import { isDatabaseUnavailable, refuseForDatabaseOutage } from '@/lib/http/database-gate';
import { warnUnknownClientIp } from '@/lib/http/unknown-ip';
import { coarseLimitKind, isProtectedPath, isRateLimitExempt, PATHNAME_HEADER, signInRedirectPath } from '@/lib/http/gate';
import { serviceUnavailableResponse } from '@/lib/http/service-unavailable';
import { contentSecurityPolicy, newNonce, securityHeaders } from '@/lib/http/security-headers';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/observability/request-id';
import { connectOriginsOf } from '@/lib/storage/config';
import { rateLimitHeaders } from '@/lib/ratelimit/headers';
import type { RateLimitResult } from '@/lib/ratelimit/types';
import { limitCoarse } from '@/lib/ratelimit/limits';
import { LAST_WORKSPACE_COOKIE, LAST_WORKSPACE_MAX_AGE_SECONDS, workspaceSlugInPath } from '@/lib/tenancy/last-workspace';
import { workspacePageGate } from '@/lib/tenancy/workspace-page-gate';


/** The request gate (DESIGN.md §3): security headers, size limit, coarse rate limit, auth redirect. */
export async function middleware(request: NextRequest) {
  const requestId = requestIdFrom(request.headers);
  try {
    return await gate(request, requestId);
  } catch (error) {
    return middlewareFailure(request, requestId, error);
  }
}

async function gate(request: NextRequest, requestId: string) {
  const { pathname, search } = request.nextUrl;
  const config = env();
  const production = config.isProduction;
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: config.NODE_ENV === 'development', production, connect: connectOriginsOf(config) });
  // Every response the coarse limit counted says where its budget stands (RateLimit-*).
  let counted: RateLimitResult | null = null;
  const finish = (response: NextResponse) => {
    for (const [name, value] of Object.entries(securityHeaders(csp, { production }))) response.headers.set(name, value);
    if (counted) for (const [name, value] of Object.entries(rateLimitHeaders(counted))) if (!response.headers.has(name)) response.headers.set(name, value);
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  };

  // The public API's CORS preflight, answered here for every /api/v1 route (lib/api/cors.ts).
  if (request.method === 'OPTIONS' && pathname.startsWith('/api/v1/')) {
    const preflight = preflightResponse(request.headers.get('origin'));
    return finish(new NextResponse(null, { status: preflight.status, headers: preflight.headers }));
  }

  // Counted in bytes as the body streams (a chunked body declares no length); Next keeps its own
  // copy for the handler or action, so reading this one costs the handler nothing.
  const bodyLimit = bodyLimitFor({ method: request.method, pathname }, config.API_BODY_LIMIT_BYTES);
  if (bodyLimit !== null && (await bodyExceedsLimit(request, bodyLimit))) {
    return finish(
      NextResponse.json(errorBody('payload_too_large', `Request bodies are limited to ${bodyLimit} bytes.`), {
        status: 413,
      }),
    );
  }

  // No trustworthy address (a misconfigured CLIENT_IP_SOURCE, or the first requests before the
  // socket stamp is installed): skipped rather than one bucket any single client could exhaust
  // for everyone; the per-account, per-key and per-route limits still hold.
  const ip = clientIp(request.headers);
  if (ip === UNKNOWN_IP) warnUnknownClientIp(pathname);
  if (!isRateLimitExempt(pathname) && ip !== UNKNOWN_IP) {
    const limit = await limitCoarse(ip, coarseLimitKind(request.headers));
    counted = limit;
    if (!limit.success) {
      return finish(
        NextResponse.json(errorBody('rate_limited', 'Too many requests. Please slow down and try again shortly.'), {
          status: 429,
          headers: rateLimitHeaders(limit),
        }),
      );
    }
  }

  // Database away: a clear 503 at once, never the sign-in redirect a failed session check would give.
  const unavailable = () => finish(serviceUnavailableResponse({ pathname, requestId, nonce }));
  if (await refuseForDatabaseOutage(pathname)) return unavailable();

  const forwarded = new Headers(request.headers);
  // Only this middleware may say who is signed in: whatever a client sent under the name goes.
  forwarded.delete(forwardedSessionHeader());
  forwarded.set(REQUEST_ID_HEADER, requestId);
  forwarded.set('x-nonce', nonce);
  // Lets a page redirect an old workspace slug to the same sub-path under the new one.
  forwarded.set(PATHNAME_HEADER, `${pathname}${search}`);
  forwarded.set('Content-Security-Policy', csp);

  if (isProtectedPath(pathname)) {
    const gated = await protectedGate(request).catch((error: unknown) => {
      if (isDatabaseUnavailable(error)) return 'unavailable' as const;
      throw error;
    });
    if (gated === 'unavailable') return unavailable();
    if (gated === 'signed_out') {
      return finish(NextResponse.redirect(new URL(signInRedirectPath(pathname, search), request.url)));
    }
    if (gated === 'not_found') return finish(NextResponse.rewrite(notFoundUrl(request), { request: { headers: forwarded } }));
    // A workspace that requires two-factor, for a member without it: to Account → Security first.
    if ('redirect' in gated) return finish(NextResponse.redirect(new URL(gated.redirect, request.url)));
    // The page reads this instead of checking the same session a second time.
    forwarded.set(forwardedSessionHeader(), encodeForwardedSession(gated.session, gated.membership));
  }

  const response = NextResponse.next({ request: { headers: forwarded } });
  // Remembers the workspace opened last for `/w`, so rendering a page writes nothing to the database.
  // Link prefetches (the workspace switcher's) are not visits.
  const prefetch = request.headers.has('next-router-prefetch') || request.headers.get('purpose') === 'prefetch';
  const slug = request.method === 'GET' && !prefetch ? workspaceSlugInPath(pathname) : null;
  if (slug && request.cookies.get(LAST_WORKSPACE_COOKIE)?.value !== slug) {
    response.cookies.set(LAST_WORKSPACE_COOKIE, slug, {
      httpOnly: true,
      sameSite: 'lax',
      secure: production,
      path: '/',
      maxAge: LAST_WORKSPACE_MAX_AGE_SECONDS,
    });
  }
  return finish(response);
}

/**
 * Signed in, and allowed on this workspace page (or sent to turn on two-factor first)? Workspace pages are refused here, before
 * rendering, so the status is a real 404 for a page load and a client navigation alike
 * (lib/tenancy/workspace-page-gate.ts). Actions (POST) answer their own not-found result through
 * workspaceAction. Throws DatabaseUnavailableError when it could not check.
 */
async function protectedGate(
  request: NextRequest,
): Promise<{ session: RequestSession; membership: ForwardedMembership | null } | { redirect: string } | 'signed_out' | 'not_found'> {
  const session = await sessionFromRequestHeaders(request.headers, request.nextUrl.protocol);
  if (!session) return 'signed_out';
  const page = request.method === 'GET' || request.method === 'HEAD';
  if (!page) return { session, membership: null };
  const verdict = await workspacePageGate(session.user.id, request.nextUrl.pathname);
  if (verdict === 'not_found' || 'redirect' in verdict) return verdict;
  return { session, membership: verdict.membership };
}

// No route can ever live here (App Router ignores `_` folders), so Next answers its 404 page with
// status 404, for a document and an RSC request alike; the query keeps Next's `_rsc` parameter.
function notFoundUrl(request: NextRequest): URL {
  const url = request.nextUrl.clone();
  url.pathname = '/_gate/not-found';
  return url;
}

export const config = {
  runtime: 'nodejs',
  // Static assets and the service worker skip the gate; everything else passes through it. So does
  // the local storage upload route: with middleware Next buffers a body copy cut at
  // proxyClientMaxBodySize, which would truncate large uploads; the route checks its own signature
  // and signed byte limit as the body streams (lib/storage/local-routes.ts).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|icons/|sw.js|manifest.webmanifest|robots.txt|api/storage/upload).*)'],
};
