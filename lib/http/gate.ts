export const PROTECTED_PREFIXES = ['/w', '/account', '/admin', '/onboarding'] as const;

export function isProtectedPath(pathname: string): boolean {
  return PROTECTED_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/**
 * Probes must keep answering while a client is being throttled. So must the payment providers'
 * webhooks: they arrive in bursts from a few shared addresses (a WooCommerce store never retries a
 * delivery that failed), and each is verified by its signature before anything else is done with it.
 */
export function isRateLimitExempt(pathname: string): boolean {
  return pathname.startsWith('/api/health') || pathname === '/api/webhooks/stripe' || pathname === '/api/webhooks/woocommerce';
}

/**
 * Which coarse per-IP budget a request spends. A link prefetch (Next's router marks it; browsers
 * send `Sec-Purpose`/`Purpose: prefetch`) is not a page view: it goes to its own, larger budget,
 * so a person clicking through pages never meets the limit while a flood, prefetch-marked or
 * not, still does. Static chunks never reach middleware (its matcher).
 */
export function coarseLimitKind(headers: Headers): 'request' | 'prefetch' {
  if (headers.has('next-router-prefetch')) return 'prefetch';
  const purpose = headers.get('sec-purpose') ?? headers.get('purpose');
  return purpose?.includes('prefetch') ? 'prefetch' : 'request';
}

/** Where to send a signed-out visitor, keeping only a same-site path to come back to. */
export function signInRedirectPath(pathname: string, search: string): string {
  const back = `${pathname}${search}`;
  return `/sign-in?callbackUrl=${encodeURIComponent(back)}`;
}

/** Forwarded by middleware so pages can redirect an old workspace slug to the same sub-path. */
export const PATHNAME_HEADER = 'x-pathname';

// Pages and endpoints that answer without the database: the landing, legal and API reference pages, the
// offline page, and the health probes (which report the outage themselves).
const WITHOUT_DATABASE = ['/pricing', '/legal', '/docs', '/offline', '/api/health', '/api/v1/openapi.json'] as const;

/** While the database is known to be down, everything else answers 503 at once instead of waiting for it. */
export function servesWithoutDatabase(pathname: string): boolean {
  return pathname === '/' || WITHOUT_DATABASE.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
