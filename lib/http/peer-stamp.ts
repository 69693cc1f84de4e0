import http from 'node:http';
import https from 'node:https';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { PEER_ADDRESS_HEADER_KEY as STAMP, type PeerHeaderHolder as Holder } from './peer-address';

/**
 * Middleware sees only headers, and `next start` fills `x-forwarded-for` with the socket address
 * only when the client sent none (`??=` in next/dist/server/base-server.js), so a direct client
 * chooses it. This stamps each request's socket address into a header whose name is random per
 * process (a client can't send it), before Next sees the request. Installed from
 * `instrumentation.ts`; requests that arrive before then carry no stamp and have no client IP.
 */
export function installPeerAddressStamp(): string {
  const holder = globalThis as Holder;
  if (holder[STAMP]) return holder[STAMP];
  const name = `x-tessera-peer-${randomBytes(12).toString('hex')}`;
  for (const proto of [http.Server.prototype, https.Server.prototype] as Array<{ emit: (...args: unknown[]) => boolean }>) {
    const original = proto.emit;
    proto.emit = function emit(this: unknown, event: unknown, ...args: unknown[]) {
      if (event === 'request') stampPeer(args[0] as IncomingMessage, name);
      return original.call(this, event, ...args);
    };
  }
  holder[STAMP] = name;
  return name;
}

export function stampPeer(request: IncomingMessage, name: string): void {
  const address = request.socket?.remoteAddress;
  if (address) request.headers[name] = address;
  else delete request.headers[name];
}
