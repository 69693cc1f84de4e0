export type RedisBackendName = 'upstash' | 'redis' | 'memory';

export type SetOptions = {
  /** Expire after this many whole seconds. */
  ttlSeconds?: number;
  /** Write only when the key is missing (SET NX): locks, idempotency markers. */
  onlyIfAbsent?: boolean;
};

export type IncrOptions = {
  /** Applied only while the key has no expiry, so a counter's window starts at its first increment. */
  ttlSeconds?: number;
};

/**
 * The slice of Redis the app relies on for caches and counters. Every backend passes the
 * same contract tests (tests/lib/redis), so callers never branch on the backend.
 * Values are strings: callers that cache objects JSON-encode them themselves.
 */
export interface KeyValueStore {
  readonly backend: RedisBackendName;
  get(key: string): Promise<string | null>;
  /** Resolves false only when `onlyIfAbsent` is set and the key already existed. */
  set(key: string, value: string, options?: SetOptions): Promise<boolean>;
  /** Number of keys that existed and were removed. */
  del(...keys: string[]): Promise<number>;
  incr(key: string, options?: IncrOptions): Promise<number>;
  incrBy(key: string, amount: number, options?: IncrOptions): Promise<number>;
  /** Resolves false when the key does not exist. */
  expire(key: string, ttlSeconds: number): Promise<boolean>;
  /** Seconds left; -1 when the key has no expiry, -2 when it does not exist (Redis semantics). */
  ttl(key: string): Promise<number>;
  /** Rejects when the backend is unreachable. */
  ping(): Promise<void>;
}
