import { AsyncLocalStorage } from 'node:async_hooks';
import { inTransaction } from '@/db/tenant';
import { getLogger } from '@/lib/observability/logger';

/** A Redis call was made while a database transaction was open. */
export class RedisInTransactionError extends Error {
  constructor(operation: string) {
    super(
      `Redis ${operation} inside a database transaction: do Redis work before or after withTenant/withSystem. A transaction that waits on Redis holds its connection and row locks for as long as Redis takes, and a Redis outage then fails the database work too.`,
    );
    this.name = 'RedisInTransactionError';
  }
}

const state = globalThis as unknown as { __tesseraRedisInTxLogged?: boolean };
const allowed = new AsyncLocalStorage<string>();

/**
 * The named exceptions, one wrapper each, so they stay few and greppable: Redis work that must
 * happen while a row lock is held (the 2FA last-used step is read and written under the user
 * row's `for update`, which is what serialises two requests carrying the same code).
 */
export function redisUnderRowLock<T>(reason: string, fn: () => Promise<T>): Promise<T> {
  return allowed.run(reason, fn);
}

/**
 * Throws in development and tests so the call site is found and moved; a production build logs it
 * once (with the stack of the first offender) rather than failing a person's request.
 */
export function assertNoOpenTransaction(operation: string): void {
  if (!inTransaction() || allowed.getStore() !== undefined) return;
  const error = new RedisInTransactionError(operation);
  if (process.env.NODE_ENV !== 'production') throw error;
  if (state.__tesseraRedisInTxLogged) return;
  state.__tesseraRedisInTxLogged = true;
  getLogger({ component: 'redis' }).error({ err: error }, 'redis call inside a database transaction (logged once)');
}
