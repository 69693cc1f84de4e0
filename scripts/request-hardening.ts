// Checks issue 8's request hardening against a running production server, in socket mode (the
// default CLIENT_IP_SOURCE, nothing in front: X-Forwarded-For must be ignored):
//
//   DATABASE_URL=… REDIS_URL=… npx next start -p 3000
//   BASE_URL=http://localhost:3000 npx tsx scripts/request-hardening.ts
//
// 1. an 8 MiB chunked POST (no Content-Length) to an API route  -> 413
// 2. a 2.5 MiB server action post                               -> 413 (not Next's 500)
// 3. 50 password attempts, a new X-Forwarded-For on each        -> refused as rate limited after 5
// One JSON line per check, then a summary line; exits 1 when a check fails.
import { request as httpRequest } from 'node:http';
import { randomUUID } from 'node:crypto';
import { BASE_URL, passwordSignIn } from './support/http-client';

type Check = { name: string; ok: boolean; [detail: string]: unknown };
const checks: Check[] = [];
const report = (check: Check) => {
  checks.push(check);
  process.stdout.write(`${JSON.stringify(check)}\n`);
};

/** Streams `bytes` in 64 KiB chunks with Transfer-Encoding: chunked; resolves with the status. */
function chunkedPost(path: string, bytes: number, headers: Record<string, string> = {}): Promise<{ status: number; sent: number }> {
  const url = new URL(path, BASE_URL);
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'content-type': 'application/octet-stream', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sent }));
      },
    );
    // The server may answer and close while we are still sending: that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, 120);
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

// 1. Chunked: no Content-Length to read, so only counting the bytes can refuse it.
{
  const { status, sent } = await chunkedPost('/api/auth/callback/credentials', 8 * 1024 * 1024);
  report({ name: 'chunked_8mib_api_post', ok: status === 413, status, sentBytes: sent });
}

// 2. A server action as the sign-in form posts it (multipart, Next-Action header), 2.5 MiB.
{
  const page = await fetch(`${BASE_URL}/sign-in`);
  const html = await page.text();
  const actionId = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(html)?.[1] ?? /"id":"([0-9a-f]{40,})"/.exec(html)?.[1] ?? '0'.repeat(42);
  const form = new FormData();
  form.set('email', `big-${randomUUID().slice(0, 8)}@example.test`);
  form.set('password', 'x'.repeat(Math.floor(2.5 * 1024 * 1024)));
  const response = await fetch(`${BASE_URL}/sign-in`, { method: 'POST', headers: { 'next-action': actionId, accept: 'text/x-component' }, body: form });
  const body = await response.text();
  report({
    name: 'server_action_2_5mib',
    ok: response.status === 413,
    status: response.status,
    errorCode: /"code":"([a-z_]+)"/.exec(body)?.[1] ?? null,
    realActionId: !actionId.startsWith('000'),
  });
}

// 3. A spray from one client that writes a new X-Forwarded-For each time, one email each (the
// per-account limit never applies): only the per-IP limit on the socket address can stop it.
{
  const codes: Record<string, number> = {};
  let firstLimitedAt: number | null = null;
  for (let i = 0; i < 50; i++) {
    const outcome = await passwordSignIn(`spray-${randomUUID().slice(0, 8)}@example.test`, 'wrong password 1234');
    const code = outcome.code ?? `status ${outcome.status}`;
    codes[code] = (codes[code] ?? 0) + 1;
    if (code === 'rate_limited' && firstLimitedAt === null) firstLimitedAt = i + 1;
  }
  report({ name: 'password_spray_50_new_xff', ok: (codes.rate_limited ?? 0) >= 45, answers: codes, firstLimitedAt });
}

const failed = checks.filter((check) => !check.ok).map((check) => check.name);
process.stdout.write(`${JSON.stringify({ name: 'request_hardening', base: BASE_URL, passed: checks.length - failed.length, failed })}\n`);
process.exit(failed.length ? 1 : 0);
