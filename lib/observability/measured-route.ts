import { recordHttpRequest } from './metrics';

type Handler<R extends Request, A extends unknown[]> = (request: R, ...rest: A) => Response | Promise<Response>;

/**
 * Wraps a route handler so every call lands in http_requests_total and
 * http_request_duration_seconds under its route pattern (never the raw path: labels must stay few).
 */
export function measured<R extends Request, A extends unknown[]>(route: string, handler: Handler<R, A>): Handler<R, A> {
  return async (request, ...rest) => {
    const started = performance.now();
    let status = 500;
    try {
      const response = await handler(request, ...rest);
      status = response.status;
      return response;
    } finally {
      recordHttpRequest({ method: request.method, route, status, durationMs: performance.now() - started });
    }
  };
}
