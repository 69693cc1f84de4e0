import { describe, expect, it } from 'vitest';
import { runReadiness, type CheckOutcome } from '@/lib/observability/readiness';

const pass = async (): Promise<CheckOutcome> => ({ ok: true, latencyMs: 1 });

describe('runReadiness', () => {
  it('is 200 with every check when all pass', async () => {
    const report = await runReadiness({ database: async () => ({ ok: true, latencyMs: 2, migrated: true }), redis: pass });
    expect(report.status).toBe(200);
    expect(report.body).toEqual({
      status: 'ok',
      checks: { database: { ok: true, latencyMs: 2, migrated: true }, redis: { ok: true, latencyMs: 1 } },
    });
  });

  it('is 503 and keeps the failing check\'s error when a check reports failure', async () => {
    const report = await runReadiness({
      database: async () => ({ ok: false, latencyMs: 3, migrated: false, error: '2 migration(s) not applied' }),
      redis: pass,
    });
    expect(report.status).toBe(503);
    expect(report.body.status).toBe('error');
    expect(report.body.checks.database).toMatchObject({ ok: false, error: '2 migration(s) not applied' });
    expect(report.body.checks.redis.ok).toBe(true);
  });

  it('gives a failing check without a message a generic error', async () => {
    const report = await runReadiness({ redis: async () => ({ ok: false, latencyMs: 1 }) });
    expect(report.body.checks.redis.error).toBe('check failed');
  });

  it('turns a throwing check into a 503 with a generic reason (the message may name internal hosts)', async () => {
    const report = await runReadiness({
      database: pass,
      redis: async () => {
        throw new Error('ECONNREFUSED 127.0.0.1:6379');
      },
    });
    expect(report.status).toBe(503);
    expect(report.body.checks.redis).toMatchObject({ ok: false, error: 'check failed' });
    expect(JSON.stringify(report.body)).not.toContain('127.0.0.1');
    expect(typeof report.body.checks.redis.latencyMs).toBe('number');
  });

  it('times out a hung check instead of hanging the probe', async () => {
    const started = Date.now();
    const report = await runReadiness(
      { database: () => new Promise<CheckOutcome>(() => {}), redis: pass },
      { timeoutMs: 100, context: { database: { migrated: false } } },
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(report.status).toBe(503);
    expect(report.body.checks.database).toMatchObject({ ok: false, migrated: false, error: 'timed out after 100 ms' });
  });

  it('adds context fields to a check even when it fails', async () => {
    const report = await runReadiness(
      { redis: async () => Promise.reject(new Error('down')) },
      { context: { redis: { backend: 'redis' } } },
    );
    expect(report.body.checks.redis).toMatchObject({ ok: false, backend: 'redis', error: 'check failed' });
  });

  it('is 200 "degraded" when only a degradable check fails, and marks it down', async () => {
    const report = await runReadiness(
      { database: pass, redis: async () => ({ ok: false, latencyMs: 1, error: 'unavailable' }) },
      { degradable: ['redis'] },
    );
    expect(report.status).toBe(200);
    expect(report.body.status).toBe('degraded');
    expect(report.body.checks.redis).toMatchObject({ ok: false, status: 'down' });
  });

  it('is 503 when a non-degradable check fails alongside a degradable one', async () => {
    const report = await runReadiness(
      { database: async () => ({ ok: false, latencyMs: 1, error: 'unavailable' }), redis: async () => ({ ok: false, latencyMs: 1 }) },
      { degradable: ['redis'] },
    );
    expect(report.status).toBe(503);
    expect(report.body.status).toBe('error');
  });
});
