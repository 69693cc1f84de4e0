import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs `work` and answers no sooner than `ms` after it started. Paths that must not be told
 * apart by timing (a new account vs an existing address) differ by a few database writes; a floor
 * above both hides the difference, where matching their costs by hand breaks whenever one changes.
 * Errors wait for the floor too.
 */
export async function withTimeFloor<T>(ms: number, work: () => Promise<T>): Promise<T> {
  const floor = sleep(ms);
  try {
    return await work();
  } finally {
    await floor;
  }
}
