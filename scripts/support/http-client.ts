// A minimal HTTP client for the scripts that probe a running `next start`: cookies, a chosen client
// address (X-Forwarded-For, for a server started with CLIENT_IP_SOURCE=xff TRUSTED_PROXY_HOPS=1),
// and the Auth.js credentials sign-in exactly as a browser form posts it (csrf cookie + token).

export const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const index = pair.indexOf('=');
      if (index > 0) this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

let counter = 0;
/** A fresh documentation-range-free private address per call (10.x.y.z), never repeating within a run. */
export function nextClientIp(): string {
  counter += 1;
  const n = counter + Math.floor(Math.random() * 1_000_000) * 10_000;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${(n & 255) || 1}`;
}

export type SignInOutcome = { status: number; location: string | null; code: string | null; ms: number };

/**
 * One password sign-in through `POST /api/auth/callback/credentials` with a fresh csrf token. `ms`
 * times only the credentials POST. `code` is Auth.js's refusal code from the redirect
 * (`credentials` for a wrong password, `rate_limited`, `locked`), null on success.
 */
export async function passwordSignIn(email: string, password: string, ip: string | null = nextClientIp()): Promise<SignInOutcome> {
  const jar = new CookieJar();
  const forwarded: Record<string, string> = ip ? { 'x-forwarded-for': ip } : {};
  const csrf = await fetch(`${BASE_URL}/api/auth/csrf`, { headers: forwarded });
  jar.take(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const start = performance.now();
  const response = await fetch(`${BASE_URL}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...forwarded, 'content-type': 'application/x-www-form-urlencoded', cookie: jar.header() },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: '/w' }),
  });
  await response.arrayBuffer();
  const ms = performance.now() - start;
  const location = response.headers.get('location');
  const url = location ? new URL(location, BASE_URL) : null;
  const refused = url?.searchParams.get('error') ? (url.searchParams.get('code') ?? url.searchParams.get('error')) : null;
  return { status: response.status, location, code: refused, ms };
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
