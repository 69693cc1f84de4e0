import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '@/db/tenant';
import { userSessions, users } from '@/db/schema';
import { describeUserAgent } from '@/lib/audit/user-agent';

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
// last_seen_at is refreshed at most this often, so a busy session costs no write per request.
const TOUCH_AFTER_MS = 5 * 60 * 1000;

export type SignInMethod = 'password' | 'password+2fa' | 'magic-link' | 'magic-link+2fa' | 'oauth' | 'oauth+2fa';

export type NewSession = { userId: string; userAgent: string | null; ip: string | null; method: SignInMethod };

/** Records a sign-in; `newDevice` is true when this user has never signed in from such a device. */
export async function createUserSession(tx: Tx, input: NewSession, now = new Date()) {
  const device = describeUserAgent(input.userAgent);
  const [known] = await tx
    .select({ id: userSessions.id })
    .from(userSessions)
    .where(and(eq(userSessions.userId, input.userId), eq(userSessions.device, device)))
    .limit(1);
  const [{ count } = { count: 0 }] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(userSessions)
    .where(eq(userSessions.userId, input.userId));
  const [session] = await tx
    .insert(userSessions)
    .values({
      userId: input.userId,
      userAgent: input.userAgent?.slice(0, 512) ?? null,
      device,
      ip: input.ip,
      method: input.method,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    })
    .returning({ id: userSessions.id });
  return { sessionId: session!.id, device, newDevice: !known && count > 0 };
}

/**
 * The per-request check behind revocation: the session row must exist, be unrevoked and
 * unexpired, and the user's token version unchanged.
 */
export type ActiveSessionUser = { email: string; name: string | null; image: string | null; emailVerified: boolean };

/**
 * The session's user as stored now, or null when the session is revoked, expired or older than
 * the user's token version. The caller refreshes the JWT's name and email from it, so an email
 * change shows everywhere on the next request.
 */
export async function activeSessionUser(
  tx: Tx,
  { sessionId, userId, tokenVersion }: { sessionId: string; userId: string; tokenVersion: number },
  now = new Date(),
): Promise<ActiveSessionUser | null> {
  const [row] = await tx
    .select({
      revokedAt: userSessions.revokedAt,
      expiresAt: userSessions.expiresAt,
      lastSeenAt: userSessions.lastSeenAt,
      tv: users.tokenVersion,
      email: users.email,
      name: users.name,
      image: users.image,
      emailVerified: users.emailVerified,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId)))
    .limit(1);
  if (!row || row.revokedAt || row.expiresAt <= now || row.tv !== tokenVersion) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_AFTER_MS) {
    await tx.update(userSessions).set({ lastSeenAt: now }).where(eq(userSessions.id, sessionId));
  }
  return { email: row.email, name: row.name, image: row.image, emailVerified: row.emailVerified !== null };
}

export async function isSessionValid(tx: Tx, session: { sessionId: string; userId: string; tokenVersion: number }, now = new Date()): Promise<boolean> {
  return (await activeSessionUser(tx, session, now)) !== null;
}

export async function listUserSessions(tx: Tx, userId: string) {
  return tx
    .select({
      id: userSessions.id,
      device: userSessions.device,
      userAgent: userSessions.userAgent,
      ip: userSessions.ip,
      method: userSessions.method,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
    })
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), sql`${userSessions.expiresAt} > now()`))
    .orderBy(desc(userSessions.lastSeenAt));
}

/** Revokes one of the user's own sessions; false when it wasn't theirs or was already gone. */
export async function revokeSession(tx: Tx, userId: string, sessionId: string, reason: string): Promise<boolean> {
  const rows = await tx
    .update(userSessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return rows.length > 0;
}

/**
 * Ends every session of the user but `exceptSessionId`. Without an exception the token version is
 * bumped too, so even a JWT whose session row is somehow missing stops working.
 */
export async function revokeAllSessions(
  tx: Tx,
  userId: string,
  { exceptSessionId, reason }: { exceptSessionId?: string | null; reason: string },
): Promise<number> {
  const conditions = [eq(userSessions.userId, userId), isNull(userSessions.revokedAt)];
  if (exceptSessionId) conditions.push(ne(userSessions.id, exceptSessionId));
  const rows = await tx
    .update(userSessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(...conditions))
    .returning({ id: userSessions.id });
  if (!exceptSessionId) {
    await tx.update(users).set({ tokenVersion: sql`${users.tokenVersion} + 1` }).where(eq(users.id, userId));
  }
  return rows.length;
}
