import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { enforceRateLimit } from '@/lib/actions/rate-limit';
import { ACCOUNT_LIMITS } from '@/lib/auth/account-limits';
import { PLANS } from '@/lib/billing/plans';
import type { AppError } from '@/lib/errors/app-error';
import { rateLimitHeaders } from '@/lib/ratelimit/headers';
import { LIMITS, limitApiForPlan } from '@/lib/ratelimit/limits';
import { apiPlanPolicy, RATE_LIMIT_POLICY } from '@/lib/ratelimit/policy';

describe('the rate-limit policy table', () => {
  it('holds the issue-9 limits, each under its own key prefix', () => {
    expect(RATE_LIMIT_POLICY.authIp).toMatchObject({ limit: 5, window: '60 s' });
    expect(RATE_LIMIT_POLICY.authEmail).toMatchObject({ limit: 5, window: '60 s' });
    // Sign-up, reset and magic link: at most 5 a minute per IP and per email, like sign-in.
    for (const row of [RATE_LIMIT_POLICY.signUpIpMinute, RATE_LIMIT_POLICY.resetIpMinute, RATE_LIMIT_POLICY.magicLinkIpMinute]) {
      expect(row).toMatchObject({ limit: 5, window: '60 s' });
    }
    for (const row of [RATE_LIMIT_POLICY.signUpEmail, RATE_LIMIT_POLICY.resetEmail, RATE_LIMIT_POLICY.magicLinkEmail]) {
      // Over a longer window, never more than 5 in any minute.
      expect(row.limit).toBeLessThanOrEqual(5);
      expect(['60 s', '15 m']).toContain(row.window);
    }
    expect(RATE_LIMIT_POLICY.imports).toMatchObject({ limit: 10, window: '1 h' });
    expect(RATE_LIMIT_POLICY.exports).toMatchObject({ limit: 5, window: '1 h' });
    const prefixes = Object.values(RATE_LIMIT_POLICY).map((p) => p.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('is the only source: the gate and account views are its rows', () => {
    for (const [name, row] of Object.entries({ ...LIMITS, ...ACCOUNT_LIMITS })) expect(row).toBe(RATE_LIMIT_POLICY[name as keyof typeof RATE_LIMIT_POLICY]);
  });

  it('takes the public API rate per minute from the plan catalog', () => {
    expect(apiPlanPolicy(PLANS.free.apiRatePerMinute)).toBeNull();
    expect(apiPlanPolicy(PLANS.pro.apiRatePerMinute)).toMatchObject({ limit: 1_000, window: '60 s' });
    expect(apiPlanPolicy(PLANS.team.apiRatePerMinute)).toMatchObject({ limit: 1_000 });
    expect(apiPlanPolicy(PLANS.enterprise.apiRatePerMinute)).toMatchObject({ limit: 10_000 });
  });
});

describe('limited responses', () => {
  it('carry RateLimit-Limit/Remaining/Reset, and a refusal Retry-After', async () => {
    const tenantId = randomUUID();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limitApiForPlan(tenantId, 3));
    expect(results.map((r) => r.success)).toEqual([true, true, true, false]);
    const ok = rateLimitHeaders(results[0]!);
    expect(ok).toMatchObject({ 'RateLimit-Limit': '3', 'RateLimit-Remaining': '2' });
    expect(Number(ok['RateLimit-Reset'])).toBeGreaterThanOrEqual(0);
    expect(Number(ok['RateLimit-Reset'])).toBeLessThanOrEqual(60);
    expect(ok['Retry-After']).toBeUndefined();
    const refused = rateLimitHeaders(results[3]!);
    expect(refused).toMatchObject({ 'RateLimit-Limit': '3', 'RateLimit-Remaining': '0' });
    expect(Number(refused['Retry-After'])).toBeGreaterThanOrEqual(1);
    // Another workspace on the same plan has its own budget.
    expect((await limitApiForPlan(randomUUID(), 3)).success).toBe(true);
  });

  it('a plan without API access is refused outright', async () => {
    expect(await limitApiForPlan(randomUUID(), PLANS.free.apiRatePerMinute)).toMatchObject({ success: false, limit: 0 });
  });

  it('imports: 10 an hour per workspace, the eleventh rate_limited with its wait', async () => {
    const subject = { ip: null, userId: randomUUID(), tenantId: randomUUID() };
    for (let i = 0; i < 10; i++) await enforceRateLimit({ policy: 'imports', by: 'workspace' }, { ...subject, userId: randomUUID() }, 'user');
    const error = (await enforceRateLimit({ policy: 'imports', by: 'workspace' }, subject, 'user').catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('rate_limited');
    expect(error.status).toBe(429);
    expect(error.details?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});
