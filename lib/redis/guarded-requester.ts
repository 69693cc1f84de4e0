import { errors, type Requester, type UpstashRequest, type UpstashResponse } from '@upstash/redis';
import { OutageGuard } from './outage';

/** An UpstashError means Redis (or the REST endpoint) answered with an error: not an outage. */
function answered(error: unknown): boolean {
  return error instanceof errors.UpstashError;
}

/**
 * Every command of a Redis-backed connection (the KeyValueStore and @upstash/ratelimit alike)
 * passes here, for both backends: ioredis for redis:// URLs and the Upstash REST client.
 */
export function guardRequester(inner: Requester, options: { timeoutMs: number; backend: string }): Requester & { guard: OutageGuard } {
  const guard = new OutageGuard({ ...options, answered });
  return {
    guard,
    request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      return guard.run(() => inner.request<TResult>(req));
    },
  };
}
