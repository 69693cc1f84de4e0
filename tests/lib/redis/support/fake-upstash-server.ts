import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis as IORedis } from 'ioredis';
import { z } from 'zod';
import { createIoredisRequester } from '@/lib/redis/ioredis-requester';

export type FakeUpstash = { url: string; token: string; close(): Promise<void> };

const bodySchema = z.array(z.unknown()).min(1);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * A tiny stand-in for the Upstash REST API on 127.0.0.1, backed by a real Redis, so the
 * @upstash/redis HTTP client (URL + token, fetch, JSON bodies, /pipeline, /multi-exec) is
 * exercised end to end. Like Upstash, a failing single command is HTTP 400 with `{ error }`.
 */
export async function startFakeUpstash(redisUrl: string): Promise<FakeUpstash> {
  const token = randomBytes(16).toString('hex');
  const requester = createIoredisRequester(new IORedis(redisUrl, { maxRetriesPerRequest: 1 }));

  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'POST') return send(res, 405, { error: 'method not allowed' });
      if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { error: 'Unauthorized' });
      // The client must not ask a non-Upstash host for base64 (STACK-NOTES): fail loudly if it does.
      if (req.headers['upstash-encoding']) return send(res, 400, { error: 'this server does not encode responses' });
      const path = (req.url ?? '/').split('?')[0]!.replace(/^\/+|\/+$/g, '');
      if (path !== '' && path !== 'pipeline' && path !== 'multi-exec') return send(res, 404, { error: 'not found' });
      let json: unknown;
      try {
        json = JSON.parse(await readBody(req));
      } catch {
        return send(res, 400, { error: 'body is not JSON' });
      }
      const body = bodySchema.safeParse(json);
      if (!body.success) return send(res, 400, { error: 'body must be a non-empty JSON array' });
      const reply = await requester.request({ path: path ? [path] : undefined, body: body.data });
      const failed = !Array.isArray(reply) && typeof reply.error === 'string';
      send(res, failed ? 400 : 200, reply);
    } catch (error) {
      send(res, 500, { error: error instanceof Error ? error.message : String(error) });
    }
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await requester.close();
    },
  };
}
