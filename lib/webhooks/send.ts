import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedTarget } from './network-policy';

export const SEND_TIMEOUT_MS = 10_000;
/** What the delivery log keeps of a response body. */
export const RESPONSE_BODY_LIMIT = 2_048;

export type SendOutcome =
  | { ok: boolean; status: number; body: string; durationMs: number; error: null }
  | { ok: false; status: null; body: null; durationMs: number; error: string };

/**
 * One POST to an already checked target. The socket connects to the pinned address (the lookup
 * below answers with it whatever DNS says now), while the Host header and TLS SNI stay the URL's
 * host so certificates and virtual hosts work. Redirects are not followed: a 3xx is a failure,
 * or a redirect would be a way around the address check.
 */
export function sendWebhookRequest(
  target: ResolvedTarget,
  headers: Record<string, string>,
  body: string,
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const request = client.request(
      target.url,
      {
        method: 'POST',
        lookup: pinned,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'Tessera-Webhooks/1' },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on('data', (chunk: Buffer) => {
          if (kept < RESPONSE_BODY_LIMIT) {
            chunks.push(chunk);
            kept += chunk.length;
          }
        });
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_BODY_LIMIT);
          finish({ ok: status >= 200 && status < 300, status, body: text, durationMs: elapsed(), error: null });
        });
        response.on('error', (error) => finish({ ok: false, status: null, body: null, durationMs: elapsed(), error: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`No response within ${Math.round(timeoutMs / 1000)} s`)));
    request.on('error', (error) => finish({ ok: false, status: null, body: null, durationMs: elapsed(), error: error.message }));
    // A whole-request deadline too: `timeout` is only socket idleness, and a slow drip would pass it.
    setTimeout(() => request.destroy(new Error(`No response within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs).unref();
    request.end(body);
  });
}
