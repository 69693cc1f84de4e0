import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { enforceRateLimit } from '@/lib/actions/rate-limit';
import { AppError } from '@/lib/errors/app-error';

async function allowed(ip: string | null, policy: 'signUpIp' = 'signUpIp'): Promise<boolean> {
  try {
    await enforceRateLimit(policy, { ip }, 'ip');
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'rate_limited') return false;
    throw error;
  }
}

// signUpIp: 10 an hour per client IP.
describe("an action's per-IP rate limit", () => {
  it('counts IPv6 clients by their /64', async () => {
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;
    for (let i = 1; i <= 10; i++) expect(await allowed(`${prefix}::${i.toString(16)}`)).toBe(true);
    expect(await allowed(`${prefix}:1:2:3:4`)).toBe(false);
  });

  it('skips a request without a trustworthy IP instead of sharing one bucket among them', async () => {
    for (let i = 0; i < 12; i++) expect(await allowed(null)).toBe(true);
  });

  it('still limits by person when the IP is unknown', async () => {
    const userId = randomUUID();
    const outcomes = [];
    for (let i = 0; i < 4; i++) {
      outcomes.push(await enforceRateLimit('verifyResendUser', { ip: null, userId }, 'user').then(() => true, () => false));
    }
    expect(outcomes).toEqual([true, true, true, false]);
  });
});
