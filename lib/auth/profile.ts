import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '@/db/schema';
import { withSystem, type Tx } from '@/db/tenant';
import { currencySchema, timeZoneSchema } from '@/lib/tenancy/workspace-fields';
import { nameSchema } from './sign-up';

export const avatarUrlSchema = z
  .string()
  .trim()
  .max(2048, { error: 'Use a shorter link (at most 2048 characters).' })
  .transform((value) => value || null)
  .pipe(
    z
      .url({ protocol: /^https$/, error: 'Use an https:// link to an image.' })
      .nullable(),
  );

export const profileSchema = z.object({
  name: nameSchema,
  image: avatarUrlSchema,
  timezone: timeZoneSchema,
  currency: currencySchema,
});

export type ProfileInput = z.infer<typeof profileSchema>;
export type Profile = {
  id: string;
  name: string | null;
  email: string;
  emailVerified: Date | null;
  image: string | null;
  timezone: string;
  currency: string;
  hasPassword: boolean;
};

export async function readProfile(tx: Tx, userId: string): Promise<Profile | null> {
  const [row] = await tx
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      emailVerified: users.emailVerified,
      image: users.image,
      timezone: users.timezone,
      currency: users.currency,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!row) return null;
  const { passwordHash, ...profile } = row;
  return { ...profile, hasPassword: Boolean(passwordHash) };
}

/** The profile in a transaction of its own, for pages. */
export function getProfile(userId: string): Promise<Profile | null> {
  return withSystem('account: profile', (tx) => readProfile(tx, userId));
}

export async function updateProfile(userId: string, input: ProfileInput, now: Date = new Date()): Promise<void> {
  await withSystem('account: profile update', (tx) =>
    tx
      .update(users)
      .set({ name: input.name, image: input.image, timezone: input.timezone, currency: input.currency, updatedAt: now })
      .where(eq(users.id, userId)),
  );
}
