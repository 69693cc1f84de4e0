import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ReceivedEvent = { id?: string; name: string; data: Record<string, unknown>; ts?: number };

export type FakeInngestReceiver = {
  /** Base URL to give the Inngest client (`baseUrl` option, or INNGEST_BASE_URL). */
  url: string;
  /** Every request body accepted, in arrival order (one array of events per request). */
  accepted: ReceivedEvent[][];
  /** Requests answered with an error (each SDK retry counts). */
  refused: number;
  /** Largest request body seen, in bytes. */
  maxRequestBytes: number;
  /** Every accepted event, flattened. */
  events(): ReceivedEvent[];
  /** Decides, per request, whether to refuse it (answer 500, as the event API does when it fails). */
  refuseWhen(predicate: ((events: ReceivedEvent[]) => boolean) | null): void;
  close(): Promise<void>;
};

/**
 * Stands in for Inngest's event API on 127.0.0.1: `POST /e/<event key>` with a JSON array (or
 * one event), answered like the real one with `{ ids, status: 200 }`. For tests and bench/.
 */
export async function startFakeInngestReceiver(): Promise<FakeInngestReceiver> {
  let refuse: ((events: ReceivedEvent[]) => boolean) | null = null;
  const receiver: FakeInngestReceiver = {
    url: '',
    close: async () => undefined,
    accepted: [],
    refused: 0,
    maxRequestBytes: 0,
    events: () => receiver.accepted.flat(),
    refuseWhen: (predicate) => {
      refuse = predicate;
    },
  };

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/e/')) {
        answer(res, 404, { error: 'not found', status: 404 });
        return;
      }
      const raw = Buffer.concat(chunks);
      receiver.maxRequestBytes = Math.max(receiver.maxRequestBytes, raw.length);
      let events: ReceivedEvent[];
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        events = (Array.isArray(parsed) ? parsed : [parsed]) as ReceivedEvent[];
      } catch {
        answer(res, 400, { error: 'invalid JSON', status: 400 });
        return;
      }
      if (refuse?.(events)) {
        receiver.refused += 1;
        answer(res, 500, { error: 'fake receiver refused this batch', status: 500 });
        return;
      }
      receiver.accepted.push(events);
      answer(res, 200, { ids: events.map((e, i) => e.id ?? `generated-${receiver.accepted.length}-${i}`), status: 200 });
    });
  };

  const server = createServer(handle);
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}/`;
  receiver.close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  return receiver;
}
