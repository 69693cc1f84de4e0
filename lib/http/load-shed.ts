import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { envSchema } from '@/lib/env/schema';
import { errorBody } from '@/lib/errors/app-error';
import { getLogger } from '@/lib/observability/logger';
import { newRequestId, REQUEST_ID_HEADER } from '@/lib/observability/request-id';
import { contentSecurityPolicy, newNonce, securityHeaders } from './security-headers';
import { unavailablePage } from './unavailable-page';

/**
 * Load shedding for one server process. Past its capacity a Node server does not get slower for
 * the excess alone: every request waits behind all the others (measured: 50 dashboard requests/s
 * over a capacity of ~49/s queued without bound, p50 24 s, RSS 957 MB). So at most
 * `maxInFlight` requests run at once, at most `maxQueue` wait (each at most `maxQueueWaitMs`),
 * and the rest are answered 503 with Retry-After at once, before Next parses anything: a refusal
 * costs microseconds, so the admitted requests keep their latency.
 */
export type LoadShedOptions = {
  /** Requests running at once; 0 turns shedding off. */
  maxInFlight: number;
  /** Requests waiting for a slot beyond that. */
  maxQueue: number;
  /** How long one may wait before it is refused after all. */
  maxQueueWaitMs: number;
  /** What Retry-After says. */
  retryAfterSeconds: number;
};

/** Probes must answer while the process is saturated; static chunks are cheap and a page needs them. */
export function isShedExempt(url: string | undefined): boolean {
  const path = url ?? '/';
  return path.startsWith('/api/health') || path.startsWith('/_next/static/') || path.startsWith('/icons/') || path === '/favicon.ico';
}

export function loadShedOptionsFromEnv(source: NodeJS.ProcessEnv = process.env): LoadShedOptions {
  // Read field by field rather than through env(): this is installed before the environment is
  // validated (instrumentation.ts), and a bad value here falls back to its default.
  const read = <K extends 'MAX_IN_FLIGHT' | 'MAX_QUEUE' | 'MAX_QUEUE_WAIT_MS'>(key: K): number => {
    const parsed = envSchema.shape[key].safeParse(source[key]?.trim() || undefined);
    return parsed.success ? parsed.data : (envSchema.shape[key].parse(undefined) as number);
  };
  return { maxInFlight: read('MAX_IN_FLIGHT'), maxQueue: read('MAX_QUEUE'), maxQueueWaitMs: read('MAX_QUEUE_WAIT_MS'), retryAfterSeconds: 1 };
}

type Waiting = { admit: () => void; timer: NodeJS.Timeout };

export type LoadShedder = {
  /** Runs `proceed` now, later (queued) or never (answered 503 here). */
  handle: (request: IncomingMessage, response: ServerResponse, proceed: () => void) => void;
  stats: () => { inFlight: number; queued: number; shed: number };
};

const WARN_INTERVAL_MS = 10_000;

export function createLoadShedder(options: LoadShedOptions): LoadShedder {
  let inFlight = 0;
  let shed = 0;
  let shedSinceWarning = 0;
  let lastWarning = 0;
  const queue: Waiting[] = [];

  const release = () => {
    inFlight -= 1;
    const next = queue.shift();
    if (next) {
      clearTimeout(next.timer);
      next.admit();
    }
  };

  const start = (response: ServerResponse, proceed: () => void) => {
    inFlight += 1;
    // 'close' fires once the response is done or the client went away: either frees the slot.
    response.once('close', release);
    proceed();
  };

  const refuse = (request: IncomingMessage, response: ServerResponse, why: 'full' | 'waited') => {
    shed += 1;
    shedSinceWarning += 1;
    const now = Date.now();
    // One line per interval, not one per refusal: a shedding server is already busy.
    if (now - lastWarning >= WARN_INTERVAL_MS) {
      getLogger({ component: 'load-shed' }).warn(
        { shed: shedSinceWarning, inFlight, queued: queue.length, maxInFlight: options.maxInFlight, maxQueue: options.maxQueue, last: why },
        'overloaded: requests refused with 503',
      );
      lastWarning = now;
      shedSinceWarning = 0;
    }
    writeOverloaded(request, response, options.retryAfterSeconds);
  };

  return {
    handle(request, response, proceed) {
      if (options.maxInFlight <= 0 || isShedExempt(request.url)) return proceed();
      if (inFlight < options.maxInFlight) return start(response, proceed);
      if (queue.length >= options.maxQueue) return refuse(request, response, 'full');
      const waiting: Waiting = {
        admit: () => {
          response.off('close', abandon);
          start(response, proceed);
        },
        timer: setTimeout(() => {
          remove();
          refuse(request, response, 'waited');
        }, options.maxQueueWaitMs),
      };
      const remove = () => {
        const at = queue.indexOf(waiting);
        if (at >= 0) queue.splice(at, 1);
        response.off('close', abandon);
      };
      // A client that gives up while waiting leaves the queue rather than holding a place.
      const abandon = () => {
        clearTimeout(waiting.timer);
        remove();
      };
      response.once('close', abandon);
      queue.push(waiting);
    },
    stats: () => ({ inFlight, queued: queue.length, shed }),
  };
}

/** The 503: JSON for the API, a short page otherwise; the security headers and a request id either way. */
function writeOverloaded(request: IncomingMessage, response: ServerResponse, retryAfterSeconds: number): void {
  const requestId = newRequestId();
  const api = (request.url ?? '').startsWith('/api/') || (request.headers.accept ?? '').includes('application/json');
  const nonce = newNonce();
  const body = api
    ? JSON.stringify(errorBody('overloaded', 'The server is busy. Please retry shortly.'))
    : unavailablePage({ requestId, nonce, reason: 'overloaded' });
  const production = process.env.NODE_ENV === 'production' && process.env.APP_ENV === 'production';
  const headers: Record<string, string> = {
    ...securityHeaders(contentSecurityPolicy(nonce, { dev: false, production }), { production }),
    'Content-Type': api ? 'application/json' : 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    'Retry-After': String(retryAfterSeconds),
    [REQUEST_ID_HEADER]: requestId,
  };
  response.writeHead(503, headers);
  response.end(body);
  // A body is never read: discarded, so the connection can carry the client's next request.
  request.resume();
}

const holder = globalThis as unknown as { __tesseraLoadShedder?: LoadShedder };

/**
 * Puts the shedder in front of every request this process serves (`next start` builds its HTTP
 * server itself, so the hook is the server's 'request' event, as for lib/http/peer-stamp).
 * Installed once, from instrumentation.ts.
 */
export function installLoadShedding(options: LoadShedOptions = loadShedOptionsFromEnv()): LoadShedder {
  if (holder.__tesseraLoadShedder) return holder.__tesseraLoadShedder;
  const shedder = createLoadShedder(options);
  for (const proto of [http.Server.prototype, https.Server.prototype] as Array<{ emit: (...args: unknown[]) => boolean }>) {
    const original = proto.emit;
    proto.emit = function emit(this: unknown, event: unknown, ...args: unknown[]) {
      if (event !== 'request') return original.call(this, event, ...args);
      const [request, response] = args as [IncomingMessage, ServerResponse];
      shedder.handle(request, response, () => original.call(this, event, ...args));
      return true;
    };
  }
  holder.__tesseraLoadShedder = shedder;
  return shedder;
}
