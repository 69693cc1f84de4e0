import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withSystem } from '@/db/tenant';
import { authTokens, users } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { consumeAuthToken, createAuthToken, hashAuthToken, inspectAuthToken, revokeAuthTokens } from '@/lib/auth/tokens';

async function newUser() {
  return withSystem('test: test fixture', async (tx) => {
    const [user] = await tx.insert(users).values({ email: `tok-${randomUUID().slice(0, 8)}@example.test` }).returning();
    return user!;
  });
}

const HOUR = 60 * 60 * 1000;

describe('auth tokens', () => {
  it('stores only the SHA-256 of the raw token', async () => {
    const user = await newUser();
    const raw = await withSystem('test', (tx) =>
      createAuthToken(tx, { userId: user.id, email: user.email, purpose: 'verify_email', ttlMs: HOUR, data: { a: 1 } }),
    );
    const rows = await withSystem('test', (tx) => tx.select().from(authTokens).where(eq(authTokens.userId, user.id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashAuthToken(raw));
    expect(rows[0]!.tokenHash).not.toContain(raw);
    expect(rows[0]!.data).toEqual({ a: 1 });
  });

  it('works once: a second use of the same link is refused as used', async () => {
    const user = await newUser();
    const raw = await withSystem('test', (tx) =>
      createAuthToken(tx, { userId: user.id, email: user.email, purpose: 'reset_password', ttlMs: HOUR }),
    );
    const first = await withSystem('test', (tx) => consumeAuthToken(tx, 'reset_password', raw));
    expect(first).toMatchObject({ userId: user.id, purpose: 'reset_password', usedAt: expect.any(Date) });
    expect(await withSystem('test', (tx) => consumeAuthToken(tx, 'reset_password', raw))).toBe('used');
  });

  it('expires after its time to live', async () => {
    const user = await newUser();
    const start = new Date('2030-01-01T00:00:00Z');
    const raw = await withSystem('test', (tx) =>
      createAuthToken(tx, { userId: user.id, email: user.email, purpose: 'verify_email', ttlMs: HOUR, now: start }),
    );
    const justBefore = new Date(start.getTime() + HOUR - 1);
    const atExpiry = new Date(start.getTime() + HOUR);
    expect(await withSystem('test', (tx) => inspectAuthToken(tx, 'verify_email', raw, justBefore))).toMatchObject({ userId: user.id });
    expect(await withSystem('test', (tx) => consumeAuthToken(tx, 'verify_email', raw, atExpiry))).toBe('expired');
    // Inspecting never spends it.
    expect(await withSystem('test', (tx) => consumeAuthToken(tx, 'verify_email', raw, justBefore))).toMatchObject({ userId: user.id });
  });

  it('is bound to its purpose, and forged or malformed tokens are invalid', async () => {
    const user = await newUser();
    const raw = await withSystem('test', (tx) =>
      createAuthToken(tx, { userId: user.id, email: user.email, purpose: 'verify_email', ttlMs: HOUR }),
    );
    expect(await withSystem('test', (tx) => consumeAuthToken(tx, 'reset_password', raw))).toBe('invalid');
    expect(await withSystem('test', (tx) => consumeAuthToken(tx, 'verify_email', 'x'.repeat(43)))).toBe('invalid');
    expect(await withSystem('test', (tx) => consumeAuthToken(tx, 'verify_email', "'; drop table users; --"))).toBe('invalid');
    expect(await withSystem('test', (tx) => consumeAuthToken(tx, 'verify_email', raw))).toMatchObject({ userId: user.id });
  });

  it('a rolled-back transaction leaves the token unspent', async () => {
    const user = await newUser();
    const raw = await withSystem('test', (tx) =>
      createAuthToken(tx, { userId: user.id, email: user.email, purpose: 'verify_email', ttlMs: HOUR }),
    );
    await expect(
      withSystem('test', async (tx) => {
        await consumeAuthToken(tx, 'verify_email', raw);
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    expect(await withSystem('test', (tx) => consumeAuthToken(tx, 'verify_email', raw))).toMatchObject({ userId: user.id });
  });

  it('revokes the open tokens of one purpose only', async () => {
    const user = await newUser();
    const [a, b, c] = await withSystem('test', async (tx) => [
      await createAuthToken(tx, { userId: user.id, email: user.email, purpose: 'reset_password', ttlMs: HOUR }),
      await createAuthToken(tx, { userId: user.id, email: user.email, purpose: 'reset_password', ttlMs: HOUR }),
      await createAuthToken(tx, { userId: user.id, email: user.email, purpose: 'verify_email', ttlMs: HOUR }),
    ]);
    expect(await withSystem('test', (tx) => revokeAuthTokens(tx, user.id, 'reset_password'))).toBe(2);
    expect(await withSystem('test', (tx) => consumeAuthToken(tx, 'reset_password', a!))).toBe('used');
    expect(await withSystem('test', (tx) => consumeAuthToken(tx, 'reset_password', b!))).toBe('used');
    expect(await withSystem('test', (tx) => consumeAuthToken(tx, 'verify_email', c!))).toMatchObject({ userId: user.id });
  });
});
