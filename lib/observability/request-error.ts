import { getLogger, requestLogger } from './logger';
import { isValidRequestId, REQUEST_ID_HEADER } from './request-id';

/** For instrumentation.ts's onRequestError: one JSON line per error Next caught in a request. */
export function logRequestError(
  error: unknown,
  request: Readonly<{ path: string; method: string; headers: NodeJS.Dict<string | string[]> }>,
  context: Readonly<{ routePath: string; routeType: string }>,
): void {
  const header = request.headers[REQUEST_ID_HEADER];
  const requestId = typeof header === 'string' && isValidRequestId(header) ? header : undefined;
  const log = requestId ? requestLogger(requestId) : getLogger();
  log.error(
    { err: error, method: request.method, path: request.path.split('?')[0], route: context.routePath, routeType: context.routeType },
    'request error',
  );
}
