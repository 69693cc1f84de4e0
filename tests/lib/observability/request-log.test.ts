import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { CallbackRouteError } from '@auth/core/errors';
import { NextRequest } from 'next/server';
import { encode } from 'next-auth/jwt';
import { beforeEach, describe, expect, it } from 'vitest';
import { authConfig } from '@/lib/auth/config';
import { env } from '@/lib/env';
import { createLogger, type Logger } from '@/lib/observability/logger';
import { installRequestLog } from '@/lib/observability/request-log';
import { middleware } from '@/middleware';

// The app's logger, captured: every line the code under test writes lands in `lines`.
const lines: Array<Record<string, unknown>> = [];
const destination = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    done();
  },
});
(globalThis as unknown as { __tesseraLogger?: Logger }).__tesseraLogger = createLogger({ level: 'info', destination });
beforeEach(() => {
  lines.length = 0;
});

const until = async (found: () => boolean) => {
  while (!found()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('one JSON line per request', () => {
  it('carries the request id answered, method, path without the query, status and duration', async () => {
    installRequestLog();
    const server = http.createServer((request, response) => {
      response.setHeader('x-request-id', 'req-1234abcd');
      response.statusCode = request.url?.startsWith('/missing') ? 404 : 200;
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await (await fetch(`${base}/reset-password?token=secret-token-value`)).text();
      await (await fetch(`${base}/missing`, { method: 'POST', body: 'x' })).text();
      await until(() => lines.length >= 2);
    } finally {
      server.closeAllConnections();
      server.close();
    }
    const [first, second] = lines;
    expect(first).toMatchObject({ level: 'info', msg: 'request', requestId: 'req-1234abcd', method: 'GET', path: '/reset-password', status: 200 });
    expect(typeof first!.durationMs).toBe('number');
    expect(JSON.stringify(first)).not.toContain('secret-token-value');
    expect(second).toMatchObject({ method: 'POST', path: '/missing', status: 404 });
  });
});

describe('errors as JSON lines with their cause', () => {
  it('a middleware error is logged with its cause chain and answered 500 with the request id and security headers', async () => {
    // A session row id that isn't a uuid makes the session query itself fail (drizzle wraps the driver's error).
    const token = await encode({ token: { uid: '00000000-0000-4000-8000-000000000000', sid: 'not-a-uuid', tv: 0 }, secret: env().AUTH_SECRET, salt: 'authjs.session-token' });
    const request = new NextRequest('http://localhost:3000/w/anything', {
      headers: { cookie: `authjs.session-token=${token}`, 'x-forwarded-for': `198.18.${Math.floor(Math.random() * 250)}.9`, 'x-request-id': 'trace-0001-abcd' },
    });
    const response = await middleware(request);
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('trace-0001-abcd');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('trace-0001-abcd');
    const line = lines.find((l) => l.msg === 'middleware error') as { requestId: string; path: string; err: { message: string; stack: string; cause?: { message: string } } };
    expect(line).toMatchObject({ level: 'error', requestId: 'trace-0001-abcd', path: '/w/anything' });
    expect(line.err.message).toMatch(/Failed query/);
    expect(line.err.stack).toContain('at ');
    expect(JSON.stringify(line.err)).toMatch(/uuid/);
    expect(line.err.cause).toBeDefined();
  });

  it("Auth.js errors are logged by their type with the real error and its cause, not just 'Read more at …'", async () => {
    const driver = new Error('connect ECONNREFUSED 127.0.0.1:5432');
    const failure = new Error('Failed query: select …', { cause: driver });
        // As Auth.js throws it from a callback: the error itself, wrapped.
    const AuthCallbackError = CallbackRouteError as unknown as new (error: Error) => Error;
    authConfig().logger!.error!(new AuthCallbackError(failure) as InstanceType<typeof CallbackRouteError>);
    await until(() => lines.some((l) => l.msg === 'auth error'));
    const line = lines.find((l) => l.msg === 'auth error') as { component: string; err: { type: string; message: string; cause: { message: string; stack: string; cause: { message: string } } } };
    expect(line.component).toBe('auth');
    expect(line.err.type).toBe('CallbackRouteError');
    expect(line.err.message).not.toContain('Read more');
    expect(line.err.cause.message).toBe('Failed query: select …');
    expect(line.err.cause.stack).toContain('at ');
    expect(line.err.cause.cause.message).toBe('connect ECONNREFUSED 127.0.0.1:5432');
  });
});
