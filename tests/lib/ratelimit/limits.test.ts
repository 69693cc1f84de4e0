import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UNKNOWN_IP } from '@/lib/http/client-ip';
import { resetEnvCache } from '@/lib/env';
import { LIMITS, limitSignIn, resetSignInForEmail } from '@/lib/ratelimit/limits';
import { closeKv } from '@/lib/redis';

describe('predefined limits', () => {
  it('match the request-gate policy', () => {
    expect(LIMITS.api).toMatchObject({ limit: 120, window: '60 s' });
    expect(LIMITS.authIp).toMatchObject({ limit: 5, window: '60 s' });
    expect(LIMITS.authEmail).toMatchObject({ limit: 5, window: '60 s' });
    expect(LIMITS.coarse).toMatchObject({ limit: 600, window: '60 s' });
  });
});

describe('limitSignIn on the in-process backend', () => {
  const saved = { ...process.env };

  beforeEach(async () => {
    for (const key of ['REDIS_URL', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN']) delete process.env[key];
    resetEnvCache();
    await closeKv();
  });

  afterEach(async () => {
    process.env = { ...saved };
    resetEnvCache();
    await closeKv();
  });

  it('blocks the sixth attempt for one email even from different IPs', async () => {
    const email = `User-${Date.now()}@Example.com`;
    for (let i = 0; i < 5; i++) expect((await limitSignIn({ ip: `10.0.0.${i}`, email })).success).toBe(true);
    expect((await limitSignIn({ ip: '10.0.0.99', email: email.toLowerCase() })).success).toBe(false);
  });

  it('blocks the sixth attempt from one IP across different emails', async () => {
    const ip = `10.1.${Date.now() % 250}.1`;
    for (let i = 0; i < 5; i++) expect((await limitSignIn({ ip, email: `u${i}@example.com` })).success).toBe(true);
    expect((await limitSignIn({ ip, email: 'fresh@example.com' })).success).toBe(false);
  });

  it('resetSignInForEmail clears an account lockout', async () => {
    const email = `reset-${Date.now()}@example.com`;
    for (let i = 0; i < 5; i++) await limitSignIn({ ip: `10.2.0.${i}`, email });
    expect((await limitSignIn({ ip: '10.2.0.50', email })).success).toBe(false);
    await resetSignInForEmail(email);
    expect((await limitSignIn({ ip: '10.2.0.51', email })).success).toBe(true);
  });

  it('counts IPv6 clients by their /64, so new addresses from one prefix share a budget', async () => {
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;
    for (let i = 1; i <= 5; i++) expect((await limitSignIn({ ip: `${prefix}::${i}`, email: `v6-${randomUUID()}@example.com` })).success).toBe(true);
    expect((await limitSignIn({ ip: `${prefix}:ffff:ffff:ffff:ffff`, email: `v6-${randomUUID()}@example.com` })).success).toBe(false);
  });

  it('skips the per-IP part for an unknown IP, while the per-account limit still holds', async () => {
    for (let i = 0; i < 8; i++) expect((await limitSignIn({ ip: UNKNOWN_IP, email: `anon-${randomUUID()}@example.com` })).success).toBe(true);
    const email = `anon-${randomUUID()}@example.com`;
    for (let i = 0; i < 5; i++) expect((await limitSignIn({ ip: UNKNOWN_IP, email })).success).toBe(true);
    expect((await limitSignIn({ ip: UNKNOWN_IP, email })).success).toBe(false);
  });

  it("a trusted device has its own per-account budget, which strangers filling the account's don't touch", async () => {
    const email = `trusted-${randomUUID()}@example.com`;
    for (let i = 0; i < 5; i++) await limitSignIn({ ip: `10.3.${i}.${Math.floor(Math.random() * 250) + 1}`, email });
    expect((await limitSignIn({ ip: '10.3.9.9', email })).success).toBe(false);
    const device = randomUUID();
    expect((await limitSignIn({ ip: '10.3.9.10', email, device })).success).toBe(true);
  });
});
