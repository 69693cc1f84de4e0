import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { auditLog } from '@/db/schema';
import type { Tx } from '@/db/tenant';
import { signFor } from '@/lib/secrets';
import { accountChain } from './chains';
import { auditRowIntact, redactionMac } from './row-check';

/**
 * The stable stand-in for an erased person in every chain: the same person always gets the same
 * label, so their entries still read as one actor, and the label can't be turned back into an id
 * without the secrets keyring (an HMAC, not a hash of the uuid, which anyone could recompute).
 */
export function pseudonymFor(userId: string): string {
  const mac = signFor('audit-pseudonym', userId).split('.')[1]!;
  return `deleted-user-${mac.slice(0, 12).toLowerCase().replace(/[^a-z0-9]/g, 'x')}`;
}

/** A version 1 row whose hash no longer matches gets this instead of a MAC, so erasing it can't hide the break. */
const BROKEN_BEFORE_REDACTION = 'unverified';

/**
 * Erases a person from the audit trail, in the caller's transaction: every entry of their account
 * chain and every entry they are the actor of in any workspace chain loses the actor id, the
 * label (replaced by pseudonymFor), the IP and the user agent. Each chain still verifies: version
 * 2 hashes cover those fields only through a salted digest, whose salt goes too; version 1 rows
 * get a redaction MAC over everything they still hold (lib/audit/row-check.ts). Entries where
 * someone else acted on this account keep that actor's label. The append-only trigger allows this
 * one update (migration 0021) and checks that nothing hashed changes.
 */
export async function pseudonymiseAuditActor(tx: Tx, userId: string, now = new Date()): Promise<{ rows: number }> {
  const pseudonym = pseudonymFor(userId);
  const chain = accountChain(userId);
  await tx.execute(sql`select set_config('app.audit_pseudonymise', 'on', true)`);
  const mine = and(or(eq(auditLog.chain, chain), eq(auditLog.actorUserId, userId)), isNull(auditLog.pseudonymisedAt));
  const label = sql`case when ${auditLog.actorUserId} = ${userId} or ${auditLog.actorUserId} is null then ${pseudonym} else ${auditLog.actorLabel} end`;
  const erased = { actorUserId: null, actorLabel: label, ip: null, userAgent: null, personalSalt: null, pseudonymisedAt: now };

  const current = await tx.update(auditLog).set(erased).where(and(mine, eq(auditLog.hashVersion, 2))).returning({ id: auditLog.id });

  // Older rows one by one: each needs its MAC over what it keeps, computed after checking it.
  const older = await tx.select().from(auditLog).where(and(mine, eq(auditLog.hashVersion, 1)));
  for (const row of older) {
    const intact = auditRowIntact(row);
    const redacted = { ...row, actorUserId: null, actorLabel: row.actorUserId === userId || row.actorUserId === null ? pseudonym : row.actorLabel, ip: null, userAgent: null, personalSalt: null, pseudonymisedAt: now };
    await tx
      .update(auditLog)
      .set({ ...erased, actorLabel: redacted.actorLabel, redactionMac: intact ? redactionMac(redacted) : BROKEN_BEFORE_REDACTION })
      .where(eq(auditLog.id, row.id));
  }
  await tx.execute(sql`select set_config('app.audit_pseudonymise', 'off', true)`);
  return { rows: current.length + older.length };
}
