/** Where lib/http/peer-stamp keeps the per-process name of its socket-address header (no Node imports here). */
export const PEER_ADDRESS_HEADER_KEY = Symbol.for('tessera.peerAddressHeader');
export type PeerHeaderHolder = { [PEER_ADDRESS_HEADER_KEY]?: string };

export function peerAddressHeader(): string | undefined {
  return (globalThis as PeerHeaderHolder)[PEER_ADDRESS_HEADER_KEY];
}
