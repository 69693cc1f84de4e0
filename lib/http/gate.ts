export const PROTECTED_PREFIXES = ['/w', '/account', '/admin', '/onboarding'] as const;

export function isProtectedPath(pathname: string): boolean {
  return PROTECTED_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}

/** Probes must keep answering while a client is being throttled. */
export function isRateLimitExempt(pathname: string): boolean {
  return pathname.startsWith('/api/health');
}

/** Where to send a signed-out visitor, keeping only a same-site path to come back to. */
export function signInRedirectPath(pathname: string, search: string): string {
  const back = `${pathname}${search}`;
  return `/sign-in?callbackUrl=${encodeURIComponent(back)}`;
}

/** Forwarded by middleware so pages can redirect an old workspace slug to the same sub-path. */
export const PATHNAME_HEADER = 'x-pathname';
