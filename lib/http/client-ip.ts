import { isIP } from 'node:net';
import { env } from '@/lib/env';
import { peerAddressHeader } from './peer-address';

/** What `clientIp` answers when the request carries no trustworthy address. */
export const UNKNOWN_IP = 'unknown';

export type ClientIpSource = 'socket' | 'xff' | 'vercel';

export type ClientIpConfig = {
  source: ClientIpSource;
  /** Proxies we run in front of the app, each appending its peer to `X-Forwarded-For` (xff only). */
  trustedHops: number;
  /** Header holding the socket address (lib/http/peer-stamp); undefined when it isn't installed. */
  peerHeader?: string;
};

/**
 * The client address, from a source the client can't choose (CLIENT_IP_SOURCE):
 * - `socket` (default, `next start` with nothing in front): the TCP peer.
 * - `xff`: `X-Forwarded-For` read right to left: the TRUSTED_PROXY_HOPS-th entry from the right is
 *   what our outermost proxy saw; only what our own proxies appended is believed (0 hops = socket).
 *   The app must be reachable only through those proxies.
 * - `vercel`: `x-vercel-forwarded-for`, then `x-real-ip`, both set by Vercel's edge.
 * `'unknown'` when no trustworthy address exists (see `UNKNOWN_IP` callers for what that means).
 */
export function clientIp(headers: Headers): string {
  const config = env();
  return resolveClientIp(headers, {
    source: config.CLIENT_IP_SOURCE,
    trustedHops: config.TRUSTED_PROXY_HOPS,
    peerHeader: peerAddressHeader(),
  });
}

export function resolveClientIp(headers: Headers, { source, trustedHops, peerHeader }: ClientIpConfig): string {
  if (source === 'vercel') {
    const platform = firstEntry(headers.get('x-vercel-forwarded-for')) ?? firstEntry(headers.get('x-real-ip'));
    return normalizeIp(platform) ?? UNKNOWN_IP;
  }
  if (source === 'socket' || trustedHops === 0) {
    return (peerHeader ? normalizeIp(headers.get(peerHeader)) : undefined) ?? UNKNOWN_IP;
  }
  // [client-written…, appended by our proxy 1, …, appended by our proxy N]: proxy 1 appended the
  // client's address, so it is the N-th entry from the right; everything left of it is the client's to write.
  const chain = forwardedEntries(headers.get('x-forwarded-for'));
  const index = chain.length - trustedHops;
  // A shorter chain than configured: the request skipped our proxies, so nothing in it is ours.
  if (index < 0) return UNKNOWN_IP;
  return normalizeIp(chain[index]) ?? UNKNOWN_IP;
}

function firstEntry(value: string | null): string | undefined {
  return value?.split(',')[0]?.trim() || undefined;
}

function forwardedEntries(value: string | null): string[] {
  if (!value) return [];
  return value.split(',').map((entry) => entry.trim());
}

/** A bare IP (no port, brackets or IPv4-mapped prefix), or undefined when `value` isn't one. */
export function normalizeIp(value: string | null | undefined): string | undefined {
  let candidate = value?.trim();
  if (!candidate) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(candidate);
  if (bracketed) candidate = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(candidate)) candidate = candidate.slice(0, candidate.lastIndexOf(':'));
  const zone = candidate.indexOf('%');
  if (zone > 0) candidate = candidate.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(candidate);
  if (mapped) candidate = mapped[1]!;
  const family = isIP(candidate);
  if (family === 4) return candidate;
  if (family === 6) return candidate.toLowerCase();
  return undefined;
}

/**
 * The rate-limit bucket of an address: IPv4 as is, IPv6 by its /64 (one subscriber's allocation,
 * so a client can't mint a fresh bucket per request from its own prefix).
 */
export function ipBucket(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  return `${expandIpv6(ip).slice(0, 4).join(':')}::/64`;
}

function expandIpv6(ip: string): string[] {
  const [head = '', tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail takes two groups.
  const last = right.length ? right : left;
  if (last.length && last[last.length - 1]!.includes('.')) {
    const v4 = last.pop()!.split('.').map(Number);
    last.push(((v4[0]! << 8) | v4[1]!).toString(16), ((v4[2]! << 8) | v4[3]!).toString(16));
  }
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((group) => group.replace(/^0+(?=.)/, '').toLowerCase());
}
