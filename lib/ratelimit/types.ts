type Unit = 'ms' | 's' | 'm' | 'h' | 'd';
/** Same notation as @upstash/ratelimit: `'60 s'`, `'15 m'`, `'1h'`. */
export type WindowDuration = `${number} ${Unit}` | `${number}${Unit}`;

export type RateLimiterOptions = {
  /** Namespaces the keys; one prefix per purpose (`rl:api`, `rl:auth:ip`). */
  prefix: string;
  /** Requests allowed per window. */
  limit: number;
  window: WindowDuration;
};

export type RateLimitResult = {
  success: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms when the caller can expect capacity again. */
  reset: number;
};

export interface RateLimiter {
  /** Counts one request for `identifier` and says whether it may proceed. */
  limit(identifier: string): Promise<RateLimitResult>;
  /** Forgets every request counted for `identifier` (e.g. after a successful sign-in). */
  reset(identifier: string): Promise<void>;
}
