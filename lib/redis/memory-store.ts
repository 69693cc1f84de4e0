import type { IncrOptions, KeyValueStore, SetOptions } from './types';
import { assertIncrement, assertKey, assertTtlSeconds } from './validate';

type Entry = { value: string; expiresAt: number | null };

const INTEGER = /^-?\d+$/;
/** Expired keys are dropped lazily on read; a sweep every N writes bounds memory for keys never read again. */
const SWEEP_EVERY_WRITES = 1_000;

/** In-process store for zero-config runs: one process only, lost on restart. */
export class MemoryKeyValueStore implements KeyValueStore {
  readonly backend = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private writesSinceSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, options: SetOptions = {}): Promise<boolean> {
    assertKey(key);
    if (options.ttlSeconds !== undefined) assertTtlSeconds(options.ttlSeconds);
    if (options.onlyIfAbsent && this.live(key)) return false;
    const expiresAt = options.ttlSeconds === undefined ? null : this.now() + options.ttlSeconds * 1000;
    this.write(key, { value, expiresAt });
    return true;
  }

  async del(...keys: string[]): Promise<number> {
    let removed = 0;
    for (const key of keys) {
      if (this.live(key)) removed += 1;
      this.entries.delete(key);
    }
    return removed;
  }

  incr(key: string, options?: IncrOptions): Promise<number> {
    return this.incrBy(key, 1, options);
  }

  async incrBy(key: string, amount: number, options: IncrOptions = {}): Promise<number> {
    assertKey(key);
    assertIncrement(amount);
    if (options.ttlSeconds !== undefined) assertTtlSeconds(options.ttlSeconds);
    const current = this.live(key);
    if (current && !INTEGER.test(current.value)) {
      throw new Error('ERR value is not an integer or out of range');
    }
    const next = (current ? Number(current.value) : 0) + amount;
    if (!Number.isSafeInteger(next)) throw new Error('ERR increment or decrement would overflow');
    let expiresAt = current?.expiresAt ?? null;
    if (expiresAt === null && options.ttlSeconds !== undefined) {
      expiresAt = this.now() + options.ttlSeconds * 1000;
    }
    this.write(key, { value: String(next), expiresAt });
    return next;
  }

  async expire(key: string, ttlSeconds: number): Promise<boolean> {
    assertTtlSeconds(ttlSeconds);
    const entry = this.live(key);
    if (!entry) return false;
    entry.expiresAt = this.now() + ttlSeconds * 1000;
    return true;
  }

  async ttl(key: string): Promise<number> {
    const entry = this.live(key);
    if (!entry) return -2;
    if (entry.expiresAt === null) return -1;
    // Redis rounds the remaining milliseconds to the nearest second.
    return Math.round((entry.expiresAt - this.now()) / 1000);
  }

  async ping(): Promise<void> {}

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private write(key: string, entry: Entry): void {
    this.entries.set(key, entry);
    this.writesSinceSweep += 1;
    if (this.writesSinceSweep >= SWEEP_EVERY_WRITES) {
      this.writesSinceSweep = 0;
      const now = this.now();
      for (const [k, e] of this.entries) {
        if (e.expiresAt !== null && e.expiresAt <= now) this.entries.delete(k);
      }
    }
  }
}
