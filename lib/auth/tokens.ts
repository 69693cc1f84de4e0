import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { authTokens, type authTokenPurposeEnum } from '@/db/schema';
import type { Tx } from '@/db/tenant';

export type AuthTokenPurpose = (typeof authTokenPurposeEnum.enumValues)[number];
export type AuthTokenRow = typeof authTokens.$inferSelect;
export type AuthTokenProblem = 'expired' | 'used' | 'invalid';

// 32 random bytes, base64url: 43 characters. Anything else is refused before touching the database.
const RAW_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Only this digest is stored, so a leaked table (or backup) holds no usable link. */
export function hashAuthToken(raw: string): string {
  return createHash('sha256').update(raw).digest('hex');
}

/**
 * Stores a single-use token and returns the raw value, which exists only in the link sent to the
 * user. Expiry is computed from `now` (not the database clock) so tests can move time explicitly.
 */
export async function createAuthToken(
  tx: Tx,
  input: {
    userId: string | null;
    email: string;
    purpose: AuthTokenPurpose;
    ttlMs: number;
    data?: Record<string, unknown>;
    now?: Date;
  },
): Promise<string> {
  const now = input.now ?? new Date();
  const raw = randomBytes(32).toString('base64url');
  await tx.insert(authTokens).values({
    userId: input.userId,
    email: input.email,
    purpose: input.purpose,
    tokenHash: hashAuthToken(raw),
    data: input.data ?? {},
    expiresAt: new Date(now.getTime() + input.ttlMs),
    createdAt: now,
  });
  return raw;
}

function judge(row: AuthTokenRow | undefined, now: Date): AuthTokenRow | AuthTokenProblem {
  if (!row) return 'invalid';
  if (row.usedAt) return 'used';
  if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return row;
}

/** The stored row whatever its state: for pages that explain a used or expired link. */
export async function findAuthToken(tx: Tx, purpose: AuthTokenPurpose, raw: string): Promise<AuthTokenRow | null> {
  if (!RAW_TOKEN.test(raw)) return null;
  const [row] = await tx
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hashAuthToken(raw)), eq(authTokens.purpose, purpose)))
    .limit(1);
  return row ?? null;
}

/** Reads a token without spending it, e.g. to decide whether to show the reset form at all. */
export async function inspectAuthToken(
  tx: Tx,
  purpose: AuthTokenPurpose,
  raw: string,
  now: Date = new Date(),
): Promise<AuthTokenRow | AuthTokenProblem> {
  return judge((await findAuthToken(tx, purpose, raw)) ?? undefined, now);
}

/**
 * Spends a token. The row is locked `for update` so two concurrent requests with the same link
 * can't both succeed: the second waits, then sees used_at. Callers must do the work the token
 * authorises in the same transaction, so a failure later rolls the spending back too.
 */
export async function consumeAuthToken(
  tx: Tx,
  purpose: AuthTokenPurpose,
  raw: string,
  now: Date = new Date(),
): Promise<AuthTokenRow | AuthTokenProblem> {
  if (!RAW_TOKEN.test(raw)) return 'invalid';
  const [row] = await tx
    .select()
    .from(authTokens)
    .where(and(eq(authTokens.tokenHash, hashAuthToken(raw)), eq(authTokens.purpose, purpose)))
    .limit(1)
    .for('update');
  const verdict = judge(row, now);
  if (typeof verdict === 'string') return verdict;
  const [used] = await tx.update(authTokens).set({ usedAt: now }).where(eq(authTokens.id, verdict.id)).returning();
  return used!;
}

/**
 * Spends every open token of a purpose for a user: after a reset succeeds, the other reset links
 * in their inbox must stop working; a new email-change request replaces the previous one.
 */
export async function revokeAuthTokens(tx: Tx, userId: string, purpose: AuthTokenPurpose, now: Date = new Date()): Promise<number> {
  const revoked = await tx
    .update(authTokens)
    .set({ usedAt: now })
    .where(and(eq(authTokens.userId, userId), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt)))
    .returning({ id: authTokens.id });
  return revoked.length;
}

export function isAuthTokenProblem(value: AuthTokenRow | AuthTokenProblem): value is AuthTokenProblem {
  return typeof value === 'string';
}
