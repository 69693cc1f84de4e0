import { createHash, randomInt } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { recoveryCodes } from '@/db/schema';
import type { Tx } from '@/db/tenant';

export const RECOVERY_CODE_COUNT = 10;

// No 0/o, 1/l/i: codes are read off paper and typed by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUP = 5;
const NORMALIZED = new RegExp(`^[${ALPHABET}]{${GROUP * 2}}$`);

/** `xxxxx-xxxxx`: ten characters from a 31-letter alphabet, about 50 bits each. */
export function newRecoveryCode(): string {
  let raw = '';
  for (let i = 0; i < GROUP * 2; i += 1) raw += ALPHABET[randomInt(ALPHABET.length)];
  return `${raw.slice(0, GROUP)}-${raw.slice(GROUP)}`;
}

/** What people type: any case, with or without the dash or spaces. Null when it can't be a code. */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '').toLowerCase();
  return NORMALIZED.test(compact) ? compact : null;
}

/**
 * SHA-256 is enough for random codes of this entropy (no dictionary to try). The user id is mixed
 * in so one precomputed table can't be used against every account.
 */
export function hashRecoveryCode(userId: string, normalized: string): string {
  return createHash('sha256').update(`${userId}:${normalized}`).digest('hex');
}

/** Replaces the user's codes with fresh ones and returns them in the clear, the only time they exist so. */
export async function replaceRecoveryCodes(tx: Tx, userId: string, now: Date = new Date()): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(
    codes.map((code) => ({ userId, codeHash: hashRecoveryCode(userId, normalizeRecoveryCode(code)!), createdAt: now })),
  );
  return codes;
}

export async function deleteRecoveryCodes(tx: Tx, userId: string): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

/** Spends a code: the conditional update means two requests with the same code can't both win. */
export async function consumeRecoveryCode(tx: Tx, userId: string, input: string, now: Date = new Date()): Promise<boolean> {
  const normalized = normalizeRecoveryCode(input);
  if (!normalized) return false;
  const spent = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashRecoveryCode(userId, normalized)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return spent.length > 0;
}

export async function remainingRecoveryCodes(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return row?.count ?? 0;
}
