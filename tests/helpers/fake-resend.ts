import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { outbox } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { emailDeliveryWorkflow } from '@/lib/email/workflows';
import { resetEnvCache } from '@/lib/env';
import { runInline, type InlineRunResult } from '@/lib/jobs/inline-runner';

export type ResendRequest = { url: string; headers: IncomingHttpHeaders; body: Record<string, unknown> };
type Reply = { status: number; body: unknown };

/**
 * Resend's send endpoint on 127.0.0.1, reached through the SDK's RESEND_BASE_URL. Like Resend, it
 * answers a repeated Idempotency-Key with the first answer and delivers nothing new, so
 * `delivered` counts the messages a recipient would get and `requests` every call made.
 */
export type FakeResend = {
  baseUrl: string;
  requests: ResendRequest[];
  /** Idempotency key → message id, one entry per message delivered. */
  delivered: Map<string, string>;
  /** The next replies, in order, before the default success (e.g. a 500 to force a retry). */
  failNext(...replies: Reply[]): void;
  /** Points the app at this server (RESEND_API_KEY, RESEND_BASE_URL, EMAIL_FROM). */
  configure(): void;
  close(): Promise<void>;
};

export async function startFakeResend(): Promise<FakeResend> {
  const requests: ResendRequest[] = [];
  const delivered = new Map<string, string>();
  const queued: Reply[] = [];
  let seq = 0;
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(raw || '{}') as Record<string, unknown> });
      const reply = queued.shift();
      const key = String(req.headers['idempotency-key'] ?? `no-key-${++seq}`);
      res.writeHead(reply?.status ?? 200, { 'content-type': 'application/json' });
      if (reply) return res.end(JSON.stringify(reply.body));
      if (!delivered.has(key)) delivered.set(key, `fake-msg-${++seq}`);
      res.end(JSON.stringify({ id: delivered.get(key) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    requests,
    delivered,
    failNext: (...replies) => void queued.push(...replies),
    configure() {
      process.env.RESEND_API_KEY = 're_test_key';
      process.env.RESEND_BASE_URL = baseUrl;
      process.env.EMAIL_FROM = 'Tessera <hello@tessera.test>';
      resetEnvCache();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const serverError = (): Reply => ({ status: 500, body: { name: 'internal_server_error', message: 'try again', statusCode: 500 } });

/** The email-delivery events still waiting in the outbox for these emails (committed, not dispatched). */
export async function pendingDeliveryEvents(emailIds: readonly string[]) {
  if (!emailIds.length) return [];
  return withSystem('test: pending email events', (tx) =>
    tx
      .select({ id: outbox.id, data: outbox.data })
      .from(outbox)
      .where(and(eq(outbox.name, 'email/delivery.requested'), isNull(outbox.dispatchedAt), inArray(sql`${outbox.data}->>'emailId'`, [...emailIds]))),
  );
}

/**
 * The worker, for these emails only: what the outbox's inline sender does with their events (the
 * suite shares one database on Postgres, so a full dispatch would take other files' events).
 */
export async function runDeliveryEvents(emailIds: readonly string[]): Promise<InlineRunResult[]> {
  const events = await pendingDeliveryEvents(emailIds);
  return Promise.all(events.map((event) => runInline(emailDeliveryWorkflow, { id: event.id, data: event.data })));
}
