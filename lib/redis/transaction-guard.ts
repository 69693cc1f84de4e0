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

/**
 * Throws in development and tests so the call site is found and moved; a production build logs it
 * once (with the stack of the first offender) rather than failing a person's request.
 */
export function assertNoOpenTransaction(operation: string): void {
  if (!inTransaction()) return;
  const error = new RedisInTransactionError(operation);
  if (process.env.NODE_ENV !== 'production') throw error;
  if (state.__tesseraRedisInTxLogged) return;
  state.__tesseraRedisInTxLogged = true;
  getLogger({ component: 'redis' }).error({ err: error }, 'redis call inside a database transaction (logged once)');
}
