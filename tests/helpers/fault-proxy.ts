import net from 'node:net';

export type FaultMode = 'open' | 'blackhole' | 'refuse';

export type FaultProxy = {
  readonly port: number;
  readonly mode: FaultMode;
  /** open: forward; blackhole: accept and hold every byte (a network partition: callers time out); refuse: close every connection. */
  set(mode: FaultMode): void;
  close(): Promise<void>;
};

type Pair = { client: net.Socket; upstream: net.Socket | null; toUpstream: Buffer[]; toClient: Buffer[] };

/**
 * A TCP proxy in front of a real server (or of nothing: `upstreamPort` null makes it a pure black
 * hole) whose link can be cut the two ways outages look: held (no answer, like a partition, so
 * clients hit their timeouts; bytes are delivered on reopening, as TCP retransmission would) or
 * refused (connections closed at once).
 */
export async function startFaultProxy(upstream: { host: string; port: number } | null, initial: FaultMode = 'open'): Promise<FaultProxy> {
  let mode: FaultMode = initial;
  const pairs = new Set<Pair>();

  const flush = (pair: Pair) => {
    if (mode !== 'open') return;
    if (!pair.upstream && upstream) connectUpstream(pair);
    if (pair.upstream) for (const chunk of pair.toUpstream.splice(0)) pair.upstream.write(chunk);
    for (const chunk of pair.toClient.splice(0)) pair.client.write(chunk);
  };

  const drop = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.destroy();
    pair.upstream?.destroy();
  };

  function connectUpstream(pair: Pair) {
    if (!upstream) return;
    const socket = net.connect(upstream.port, upstream.host);
    pair.upstream = socket;
    socket.on('data', (chunk: Buffer) => {
      if (mode === 'open') pair.client.write(chunk);
      else pair.toClient.push(chunk);
    });
    socket.on('error', () => drop(pair));
    socket.on('close', () => drop(pair));
  }

  const server = net.createServer((client) => {
    if (mode === 'refuse') {
      client.destroy();
      return;
    }
    const pair: Pair = { client, upstream: null, toUpstream: [], toClient: [] };
    pairs.add(pair);
    client.on('data', (chunk: Buffer) => {
      if (mode === 'open' && pair.upstream) pair.upstream.write(chunk);
      else pair.toUpstream.push(chunk);
    });
    client.on('error', () => drop(pair));
    client.on('close', () => drop(pair));
    if (mode === 'open') connectUpstream(pair);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    get mode() {
      return mode;
    },
    set(next) {
      mode = next;
      if (next === 'refuse') for (const pair of [...pairs]) drop(pair);
      if (next === 'open') for (const pair of pairs) flush(pair);
    },
    async close() {
      for (const pair of [...pairs]) drop(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nothing listens on (connections are refused by the kernel). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
