import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import { requestLogger, getLogger } from './logger';
import { isValidRequestId, REQUEST_ID_HEADER } from './request-id';

/** Static chunks are many and cheap: logged at debug, not as one info line each per page view. */
function isStaticAsset(path: string): boolean {
  return path.startsWith('/_next/static/') || path.startsWith('/_next/image') || path.startsWith('/icons/');
}

/**
 * One JSON line per request once its response is done: request id (the one middleware or the
 * load shedder answered with), method, path (never the query string: it can hold tokens),
 * status and duration. A response the client abandoned is marked `aborted`.
 */
export function logRequest(request: IncomingMessage, response: ServerResponse, startedAt: number): void {
  const path = (request.url ?? '/').split('?')[0]!;
  const header = response.getHeader(REQUEST_ID_HEADER);
  const requestId = typeof header === 'string' && isValidRequestId(header) ? header : undefined;
  const fields = {
    method: request.method,
    path,
    status: response.statusCode,
    durationMs: Math.round((performance.now() - startedAt) * 10) / 10,
    ...(response.writableFinished ? {} : { aborted: true }),
  };
  const log = requestId ? requestLogger(requestId) : getLogger();
  if (isStaticAsset(path)) log.debug(fields, 'request');
  else log.info(fields, 'request');
}

const holder = globalThis as unknown as { __tesseraRequestLog?: boolean };

/** Logs every request the process serves, refused ones included (installed last, so it sees them first). */
export function installRequestLog(): void {
  if (holder.__tesseraRequestLog) return;
  for (const proto of [http.Server.prototype, https.Server.prototype] as Array<{ emit: (...args: unknown[]) => boolean }>) {
    const original = proto.emit;
    proto.emit = function emit(this: unknown, event: unknown, ...args: unknown[]) {
      if (event === 'request') {
        const [request, response] = args as [IncomingMessage, ServerResponse];
        const startedAt = performance.now();
        response.once('close', () => logRequest(request, response, startedAt));
      }
      return original.call(this, event, ...args);
    };
  }
  holder.__tesseraRequestLog = true;
}
