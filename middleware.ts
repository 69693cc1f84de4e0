import { NextResponse, type NextRequest } from 'next/server';
import { encodeForwardedSession, forwardedSessionHeader, sessionFromRequestHeaders } from '@/lib/auth/request-session';
import { env } from '@/lib/env';
import { errorBody } from '@/lib/errors/app-error';
import { bodyExceedsLimit, bodyLimitFor } from '@/lib/http/body-limit';
import { middlewareFailure } from '@/lib/http/middleware-failure';
import { clientIp, UNKNOWN_IP } from '@/lib/http/client-ip';
import { warnUnknownClientIp } from '@/lib/http/unknown-ip';
import { coarseLimitKind, isProtectedPath, isRateLimitExempt, PATHNAME_HEADER, signInRedirectPath } from '@/lib/http/gate';
import { contentSecurityPolicy, newNonce, securityHeaders } from '@/lib/http/security-headers';
import { REQUEST_ID_HEADER, requestIdFrom } from '@/lib/observability/request-id';
import { rateLimitHeaders } from '@/lib/ratelimit/headers';
import { limitCoarse } from '@/lib/ratelimit/limits';
import { LAST_WORKSPACE_COOKIE, LAST_WORKSPACE_MAX_AGE_SECONDS, workspaceSlugInPath } from '@/lib/tenancy/last-workspace';


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
  const csp = contentSecurityPolicy(nonce, { dev: config.NODE_ENV === 'development', production });
  const finish = (response: NextResponse) => {
    for (const [name, value] of Object.entries(securityHeaders(csp, { production }))) response.headers.set(name, value);
    response.headers.set(REQUEST_ID_HEADER, requestId);
    return response;
  };

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
    if (!limit.success) {
      return finish(
        NextResponse.json(errorBody('rate_limited', 'Too many requests. Please slow down and try again shortly.'), {
          status: 429,
          headers: rateLimitHeaders(limit),
        }),
      );
    }
  }

  const forwarded = new Headers(request.headers);
  // Only this middleware may say who is signed in: whatever a client sent under the name goes.
  forwarded.delete(forwardedSessionHeader());
  if (isProtectedPath(pathname)) {
    const session = await sessionFromRequestHeaders(request.headers, request.nextUrl.protocol);
    if (!session) {
      return finish(NextResponse.redirect(new URL(signInRedirectPath(pathname, search), request.url)));
    }
    // The page reads this instead of checking the same session a second time.
    forwarded.set(forwardedSessionHeader(), encodeForwardedSession(session));
  }

  forwarded.set(REQUEST_ID_HEADER, requestId);
  forwarded.set('x-nonce', nonce);
  // Lets a page redirect an old workspace slug to the same sub-path under the new one.
  forwarded.set(PATHNAME_HEADER, `${pathname}${search}`);
  forwarded.set('Content-Security-Policy', csp);
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

export const config = {
  runtime: 'nodejs',
  // Static assets and the service worker skip the gate; everything else passes through it.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|icons/|sw.js|manifest.webmanifest|robots.txt).*)'],
};
