import { isRedisUnavailable } from './outage';

/**
 * Runs a Redis operation and answers `fallback` while Redis is unavailable (the outage itself is
 * logged once by the Redis layer). For caches (a miss: read the database), best-effort writes and
 * counters whose durable source the caller consults instead. Other errors still throw.
 */
export async function failSoft<T>(operation: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isRedisUnavailable(error)) return fallback;
    throw error;
  }
}
