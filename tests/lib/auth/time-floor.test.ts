import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withTimeFloor } from '@/lib/auth/time-floor';

describe('withTimeFloor', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers only once the floor has passed, whichever path finished first', async () => {
    let settled = false;
    const answer = withTimeFloor(400, async () => 'fast').then((value) => {
      settled = true;
      return value;
    });
    await vi.advanceTimersByTimeAsync(399);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await answer).toBe('fast');
  });

  it('does not add the floor to work that takes longer', async () => {
    const answer = withTimeFloor(400, () => new Promise((resolve) => setTimeout(() => resolve('slow'), 600)));
    await vi.advanceTimersByTimeAsync(600);
    expect(await answer).toBe('slow');
  });

  it('a failure also waits for the floor, then rethrows', async () => {
    let settled = false;
    const answer = withTimeFloor(400, async () => {
      throw new Error('boom');
    }).catch((error: Error) => {
      settled = true;
      return error.message;
    });
    await vi.advanceTimersByTimeAsync(399);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await answer).toBe('boom');
  });
});
