import { describe, expect, it, vi } from 'vitest';

describe('DatabaseUnavailableError across bundles', () => {
  it('is recognised by another copy of the module (middleware and the app are separate bundles)', async () => {
    const mine = await import('@/db/availability');
    vi.resetModules();
    const other = await import('@/db/availability');
    expect(other.DatabaseUnavailableError).not.toBe(mine.DatabaseUnavailableError);
    const error = new other.DatabaseUnavailableError('The database did not answer within 3000 ms');
    expect(mine.isDatabaseUnavailable(error)).toBe(true);
    expect(mine.isDatabaseUnavailable(new Error('wrapped', { cause: error }))).toBe(true);
    expect(mine.isDatabaseUnavailable(Object.assign(new Error('look-alike'), { code: 'unavailable', name: 'DatabaseUnavailableError' }))).toBe(false);
    expect(mine.isDatabaseUnavailable(null)).toBe(false);
  });
});
