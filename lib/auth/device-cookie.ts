import { randomBytes } from 'node:crypto';
import { signFor, verifyFor } from '@/lib/secrets';
import { setTokenCookie } from './token-cookie';

/**
 * The device cookie of the OWASP scheme "Slow down online guessing attacks with device cookies":
 * after a sign-in with the right password the browser gets `v<key>.<userId>.<nonce>.<hmac>`. A
 * later attempt carrying a valid one for the same account is a *trusted client*: its failures lock
 * only that cookie (its nonce), and it passes the lock strangers put on the account's untrusted
 * clients (lib/auth/lockout.ts). It proves only that this browser once knew the password — never a
 * session, never a second factor.
 */
export const DEVICE_COOKIE = 'tessera.device';
export const DEVICE_COOKIE_MAX_AGE_MS = 180 * 24 * 60 * 60 * 1000;

const PURPOSE = 'device-cookie';
const NONCE_BYTES = 16;

export function issueDeviceCookie(userId: string): string {
  const value = `${userId}.${randomBytes(NONCE_BYTES).toString('base64url')}`;
  const [version, mac] = signFor(PURPOSE, value).split('.');
  return `${version}.${value}.${mac}`;
}

/** The nonce of a valid device cookie issued to `userId`, or null (absent, forged, another account's). */
export function deviceNonceFor(cookieValue: string | null | undefined, userId: string | null | undefined): string | null {
  if (!cookieValue || !userId) return null;
  const parts = cookieValue.split('.');
  if (parts.length !== 4) return null;
  const [version, owner, nonce, mac] = parts as [string, string, string, string];
  if (owner !== userId || !/^[A-Za-z0-9_-]{22}$/.test(nonce)) return null;
  return verifyFor(PURPOSE, `${owner}.${nonce}`, `${version}.${mac}`) ? nonce : null;
}

/** The device cookie the request carries, read from its Cookie header (Auth.js hands authorize the request). */
export function deviceCookieOf(request: Request): string | null {
  for (const pair of (request.headers.get('cookie') ?? '').split(';')) {
    const index = pair.indexOf('=');
    if (index > 0 && pair.slice(0, index).trim() === DEVICE_COOKIE) return pair.slice(index + 1).trim();
  }
  return null;
}

/** A fresh device cookie after the password was right (a new nonce each time, as OWASP asks). */
export function setDeviceCookie(userId: string): Promise<void> {
  return setTokenCookie(DEVICE_COOKIE, issueDeviceCookie(userId), { maxAgeMs: DEVICE_COOKIE_MAX_AGE_MS });
}
