import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/tenant';
import { users } from '@/db/schema';

export type AuthUser = { id: string; email: string; name: string | null; image: string | null; tokenVersion: number };

export async function findUserByEmail(tx: Tx, email: string) {
  const [user] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, email.toLowerCase())).limit(1);
  return user ?? null;
}

export async function tokenVersionOf(tx: Tx, userId: string): Promise<number | null> {
  const [row] = await tx.select({ v: users.tokenVersion }).from(users).where(eq(users.id, userId)).limit(1);
  return row ? row.v : null;
}
