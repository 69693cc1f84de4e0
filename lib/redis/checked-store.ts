import { assertNoOpenTransaction } from './transaction-guard';
import type { IncrOptions, KeyValueStore, SetOptions } from './types';

/** Every backend's store as callers get it: no call from inside a database transaction. */
export class TransactionCheckedStore implements KeyValueStore {
  constructor(private readonly inner: KeyValueStore) {}

  get backend() {
    return this.inner.backend;
  }

  get(key: string): Promise<string | null> {
    assertNoOpenTransaction('GET');
    return this.inner.get(key);
  }

  set(key: string, value: string, options?: SetOptions): Promise<boolean> {
    assertNoOpenTransaction('SET');
    return this.inner.set(key, value, options);
  }

  del(...keys: string[]): Promise<number> {
    assertNoOpenTransaction('DEL');
    return this.inner.del(...keys);
  }

  incr(key: string, options?: IncrOptions): Promise<number> {
    assertNoOpenTransaction('INCR');
    return this.inner.incr(key, options);
  }

  incrBy(key: string, amount: number, options?: IncrOptions): Promise<number> {
    assertNoOpenTransaction('INCRBY');
    return this.inner.incrBy(key, amount, options);
  }

  expire(key: string, ttlSeconds: number): Promise<boolean> {
    assertNoOpenTransaction('EXPIRE');
    return this.inner.expire(key, ttlSeconds);
  }

  ttl(key: string): Promise<number> {
    assertNoOpenTransaction('TTL');
    return this.inner.ttl(key);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }
}
