import type { Tx } from '@/db/tenant';
import { recordAccountAudit } from '@/lib/audit';
import { listUserSessions, revokeAllSessions, revokeSession } from './sessions';
import type { AccountRequestContext, FormFailure } from './two-factor/request-context';

export type AccountSession = {
  id: string;
  device: string;
  ip: string | null;
  method: string;
  createdAt: Date;
  lastSeenAt: Date;
  isCurrent: boolean;
};

/** The user's live sessions for Account → Security, this device first. */
export async function listAccountSessions(tx: Tx, userId: string, currentSessionId: string | null): Promise<AccountSession[]> {
  const rows = await listUserSessions(tx, userId);
  return rows
    .map((row) => ({
      id: row.id,
      device: row.device ?? 'Unknown device',
      ip: row.ip,
      method: row.method,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      isCurrent: row.id === currentSessionId,
    }))
    .sort((a, b) => Number(b.isCurrent) - Number(a.isCurrent));
}

/**
 * Ends one of the user's other sessions; it stops working on its next request. The current one
 * is refused: signing out is how that ends, so nobody revokes themselves by accident.
 */
export async function revokeOtherSession(
  tx: Tx,
  userId: string,
  sessionId: string,
  currentSessionId: string | null,
  context: AccountRequestContext = {},
): Promise<{ ok: true } | FormFailure<never>> {
  if (sessionId === currentSessionId) return { ok: false, message: 'That’s this device. Use “Sign out” to end it.' };
  if (!(await revokeSession(tx, userId, sessionId, 'revoked_by_user'))) {
    return { ok: false, message: 'That session has already ended.' };
  }
  await recordAccountAudit(tx, userId, {
    action: 'auth.session.revoked',
    actorUserId: userId,
    targetType: 'session',
    targetId: sessionId,
    ip: context.ip,
    userAgent: context.userAgent,
  });
  return { ok: true };
}

/** "Sign out everywhere else": every session but this one. */
export async function revokeOtherSessions(
  tx: Tx,
  userId: string,
  currentSessionId: string | null,
  context: AccountRequestContext = {},
): Promise<{ ok: true; revoked: number } | FormFailure<never>> {
  // Without a known current session, "everything else" would include this one too.
  if (!currentSessionId) return { ok: false, message: 'Sign out and in again, then retry.' };
  const revoked = await revokeAllSessions(tx, userId, { exceptSessionId: currentSessionId, reason: 'signed_out_elsewhere' });
  await recordAccountAudit(tx, userId, {
    action: 'auth.sessions.revoked_all',
    actorUserId: userId,
    ip: context.ip,
    userAgent: context.userAgent,
    metadata: { revoked, kept: 'current' },
  });
  return { ok: true, revoked };
}
