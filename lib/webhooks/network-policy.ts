import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { env } from '@/lib/env';

/**
 * Where a webhook may be sent (SSRF). Checked at send time on the addresses DNS gives now — a URL
 * accepted at creation may resolve elsewhere later — and the connection then goes to the checked
 * address itself (send.ts pins it), so a second, rebinding answer can't swap it.
 */
export type WebhookNetworkPolicy = {
  /** Loopback and private ranges allowed (WEBHOOKS_ALLOW_PRIVATE_URLS, dev and tests only). */
  allowPrivate: boolean;
  /** https only (production). */
  requireHttps: boolean;
};

export function webhookNetworkPolicy(): WebhookNetworkPolicy {
  const { WEBHOOKS_ALLOW_PRIVATE_URLS, isProduction } = env();
  return { allowPrivate: WEBHOOKS_ALLOW_PRIVATE_URLS && !isProduction, requireHttps: isProduction };
}

export class WebhookUrlRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookUrlRefused';
  }
}

function blockList(entries: ReadonlyArray<[string, number, 'ipv4' | 'ipv6']>): BlockList {
  const list = new BlockList();
  for (const [network, prefix, family] of entries) list.addSubnet(network, prefix, family);
  return list;
}

// Never reachable, whatever the setting: link-local (cloud metadata at 169.254.169.254 and
// fd00:ec2::254 sit here or in ULA), unspecified, multicast, reserved and documentation ranges.
const ALWAYS_REFUSED = blockList([
  ['0.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['192.0.2.0', 24, 'ipv4'],
  ['198.51.100.0', 24, 'ipv4'],
  ['203.0.113.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
  ['2001:db8::', 32, 'ipv6'],
  ['100::', 64, 'ipv6'],
]);

// Refused unless the development setting allows them: loopback, RFC 1918, CGNAT, benchmarking, ULA.
const PRIVATE = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
]);

/** The IPv4 address an IPv6 one carries (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96), checked as IPv4. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const high = parseInt(hex[1]!, 16);
  const low = parseInt(hex[2]!, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Why an address may not be called, or null when it may. */
export function addressRefusal(address: string, policy: Pick<WebhookNetworkPolicy, 'allowPrivate'>): string | null {
  const family = isIP(address);
  if (family === 0) return 'is not an IP address';
  if (family === 6) {
    const v4 = embeddedIpv4(address);
    if (v4) return addressRefusal(v4, policy);
  }
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (ALWAYS_REFUSED.check(address, type)) return `${address} is a link-local, reserved or unroutable address`;
  if (!policy.allowPrivate && PRIVATE.check(address, type)) return `${address} is a private or loopback address`;
  return null;
}

/** The URL's shape: http(s) only, https in production, no credentials in it. */
export function urlRefusal(raw: string, policy: Pick<WebhookNetworkPolicy, 'requireHttps'>): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must use https';
  if (policy.requireHttps && url.protocol !== 'https:') return 'must use https';
  if (url.username || url.password) return 'must not contain a user name or password';
  return null;
}

export type ResolvedTarget = { url: URL; address: string; family: 4 | 6 };

export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/**
 * Resolves the URL's host and refuses it if ANY address it resolves to is forbidden (an attacker's
 * name may answer with a public and a private one); returns the first address to pin the
 * connection to.
 */
export async function resolveWebhookTarget(raw: string, policy: WebhookNetworkPolicy, resolve: Resolver = systemResolver): Promise<ResolvedTarget> {
  const shape = urlRefusal(raw, policy);
  if (shape) throw new WebhookUrlRefused(`The URL ${shape}.`);
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new WebhookUrlRefused(`The host ${host} could not be resolved.`);
    }
  }
  if (!addresses.length) throw new WebhookUrlRefused(`The host ${host} could not be resolved.`);
  for (const { address } of addresses) {
    const refusal = addressRefusal(address, policy);
    if (refusal) throw new WebhookUrlRefused(`The host ${host} resolves to a refused address: ${refusal}.`);
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
