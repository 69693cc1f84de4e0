import { getLogger } from '@/lib/observability/logger';

/**
 * Redis did not answer in time, refused the connection, or is known to be down. Callers pick
 * their fallback (rate limits: the per-process limiter; caches: the database; counters: their
 * durable source); `failSoft` in ./fail-soft does it for the simple cases.
 */
export class RedisUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RedisUnavailableError';
  }
}

export function isRedisUnavailable(error: unknown): error is RedisUnavailableError {
  return error instanceof RedisUnavailableError;
}

export type OutageGuardOptions = {
  /** How long one command may take before the caller is told Redis is unavailable. */
  timeoutMs: number;
  /** Label for the log lines (`redis`, `upstash`). */
  backend: string;
  /** While down, one call in this interval goes through to find out whether Redis is back. */
  probeEveryMs?: number;
  /** While down, one warning per interval (with the number of calls served without Redis). */
  warnEveryMs?: number;
  /** Errors that mean Redis answered (a reply error): passed through, and Redis counts as up. */
  answered?: (error: unknown) => boolean;
  now?: () => number;
};

export const DEFAULT_PROBE_EVERY_MS = 1_000;
export const DEFAULT_WARN_EVERY_MS = 30_000;

/**
 * The Redis layer's outage behaviour, in one place: every command is bounded by `timeoutMs`; the
 * first failure marks Redis down and logs once; while it is down calls fail at once (no request
 * waits out a timeout per command) except one probe per `probeEveryMs`, and a warning repeats
 * only once per `warnEveryMs`; the first success logs the recovery.
 */
export class OutageGuard {
  private downSince: number | null = null;
  private nextProbeAt = 0;
  private lastWarnAt = 0;
  private skipped = 0;
  private readonly probeEveryMs: number;
  private readonly warnEveryMs: number;
  private readonly now: () => number;

  constructor(private readonly options: OutageGuardOptions) {
    this.probeEveryMs = options.probeEveryMs ?? DEFAULT_PROBE_EVERY_MS;
    this.warnEveryMs = options.warnEveryMs ?? DEFAULT_WARN_EVERY_MS;
    this.now = options.now ?? Date.now;
  }

  /** Whether the last call failed for want of Redis. */
  get down(): boolean {
    return this.downSince !== null;
  }

  async run<T>(operation: () => Promise<T>): Promise<T> {
    if (this.downSince !== null) {
      const now = this.now();
      if (now < this.nextProbeAt) {
        this.skipped += 1;
        this.maybeWarn(now);
        throw new RedisUnavailableError(`${this.options.backend} is unavailable (since ${new Date(this.downSince).toISOString()})`);
      }
      this.nextProbeAt = now + this.probeEveryMs;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RedisUnavailableError(`${this.options.backend} did not answer within ${this.options.timeoutMs} ms`)),
        this.options.timeoutMs,
      );
    });
    try {
      const result = await Promise.race([operation(), timeout]);
      this.markUp();
      return result;
    } catch (error) {
      if (this.options.answered?.(error)) {
        this.markUp();
        throw error;
      }
      const unavailable = isRedisUnavailable(error)
        ? error
        : new RedisUnavailableError(`${this.options.backend} is unreachable: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      this.markDown(unavailable);
      throw unavailable;
    } finally {
      clearTimeout(timer);
    }
  }

  private markDown(error: RedisUnavailableError): void {
    const now = this.now();
    this.nextProbeAt = now + this.probeEveryMs;
    if (this.downSince !== null) {
      this.skipped += 1;
      this.maybeWarn(now);
      return;
    }
    this.downSince = now;
    this.lastWarnAt = now;
    this.skipped = 0;
    getLogger({ component: 'redis' }).warn(
      { backend: this.options.backend, err: error.message },
      'redis unavailable: rate limits fall back to per-process limits and caches to the database until it answers again',
    );
  }

  private maybeWarn(now: number): void {
    if (now - this.lastWarnAt < this.warnEveryMs) return;
    getLogger({ component: 'redis' }).warn(
      { backend: this.options.backend, downForMs: now - (this.downSince ?? now), callsWithoutRedis: this.skipped },
      'redis still unavailable',
    );
    this.lastWarnAt = now;
    this.skipped = 0;
  }

  private markUp(): void {
    if (this.downSince === null) return;
    const downForMs = this.now() - this.downSince;
    this.downSince = null;
    this.nextProbeAt = 0;
    getLogger({ component: 'redis' }).info({ backend: this.options.backend, downForMs, callsWithoutRedis: this.skipped }, 'redis recovered');
    this.skipped = 0;
  }
}
