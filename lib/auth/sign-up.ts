import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { memberships, users, workspaces } from '@/db/schema';
import { withSystem, type Tx } from '@/db/tenant';
import { secret } from '@/lib/actions/secret';
import { startEmailDelivery } from '@/lib/email';
import { appUrl, queueTemplate } from '@/lib/email/templates';
import { TRIAL_PLAN_IDS, type BillingInterval, type TrialPlanId } from '@/lib/billing/plans';
import { recordWorkspaceAudit } from '@/lib/audit';
import { availableSlugFor } from '@/lib/tenancy/slug-availability';
import { createWorkspace } from '@/lib/tenancy/workspaces';
import { isUniqueViolation } from '@/lib/tenancy/db-errors';
import { NO_REQUEST_META, type RequestMeta } from '@/lib/tenancy/request-meta';
import { issueEmailVerification, queueVerificationEmail } from './email-verification';
import { AppError } from '@/lib/errors/app-error';
import { TOO_MANY_REQUESTS } from '@/lib/ratelimit/limits';
import { emailKey, limitAccount } from './account-limits';
import { hashPassword } from './password';
import { checkPasswordStrength, PASSWORD_MAX_LENGTH } from './password-strength';
import { emailSchema } from './schemas';
import { findUserByEmail } from './users';

export const nameSchema = z
  .string({ error: 'Enter your name.' })
  .trim()
  .min(1, { error: 'Enter your name.' })
  .max(100, { error: 'Use at most 100 characters.' });

export const signUpSchema = z
  .object({
    name: nameSchema,
    email: emailSchema,
    password: secret(z.string({ error: 'Choose a password.' }).max(PASSWORD_MAX_LENGTH, { error: `Use at most ${PASSWORD_MAX_LENGTH} characters.` })),
    invite: z.string().trim().max(200).optional(),
    // The plan card the person came from (`/sign-up?plan=team`): their workspace's trial is of it.
    plan: z.enum(TRIAL_PLAN_IDS).optional().catch(undefined),
    // Monthly or yearly, as picked on the pricing page: the billing page offers it first.
    interval: z.enum(['month', 'year']).optional().catch(undefined),
  })
  .superRefine((input, ctx) => {
    const verdict = checkPasswordStrength(input.password, [input.name, input.email]);
    if (!verdict.ok) ctx.addIssue({ code: 'custom', path: ['password'], message: verdict.message });
  });

export type SignUpInput = z.infer<typeof signUpSchema>;

/** Where a new account goes after verifying: the invitation it came from, else onboarding. */
export function afterSignUpPath(invite: string | undefined): string {
  return invite && /^[A-Za-z0-9_-]{10,200}$/.test(invite) ? `/invite/${invite}` : '/onboarding';
}

type PersonalWorkspaceUser = { id: string; email: string; name: string | null };

function ownerLabel(user: PersonalWorkspaceUser): string {
  return (user.name?.trim() || user.email.split('@')[0] || 'My').slice(0, 50);
}

/**
 * Every account starts with a workspace of its own, whichever way it was created (password,
 * magic link, OAuth). Idempotent: a user who already belongs to one keeps it.
 */
export async function ensurePersonalWorkspace(
  tx: Tx,
  user: PersonalWorkspaceUser,
  meta: RequestMeta = NO_REQUEST_META,
  options: { trialPlanId?: TrialPlanId; preferredInterval?: BillingInterval } = {},
) {
  const [existing] = await tx
    .select({ id: workspaces.id, slug: workspaces.slug, name: workspaces.name })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.tenantId))
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (existing) return existing;
  const [profile] = await tx.select({ timezone: users.timezone, currency: users.currency }).from(users).where(eq(users.id, user.id)).limit(1);
  const who = ownerLabel(user);
  // The address reads as the person ("/w/ada-lovelace"), not "/w/ada-lovelace-s-workspace".
  const slug = await availableSlugFor(tx, who);
  const workspace = await createWorkspace(tx, {
    slug,
    name: `${who}’s workspace`,
    timezone: profile?.timezone ?? 'UTC',
    currency: profile?.currency ?? 'USD',
    ownerId: user.id,
    trialPlanId: options.trialPlanId,
    preferredInterval: options.preferredInterval,
  });
  await recordWorkspaceAudit(tx, workspace.id, {
    action: 'workspace.created',
    actorUserId: user.id,
    targetType: 'workspace',
    targetId: workspace.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { name: workspace.name, slug, personal: true },
  });
  return { id: workspace.id, slug: workspace.slug, name: workspace.name };
}

/**
 * The sign-up form answers no sooner than this: both outcomes normally finish in 35–50 ms, and
 * the floor hides the ~10 ms a new account's writes add (lib/auth/time-floor.ts).
 */
export const SIGN_UP_TIME_FLOOR_MS = 400;

export type SignUpOutcome = { status: 'created'; userId: string; workspaceSlug: string } | { status: 'exists' };

/**
 * Creates the account, its personal workspace, a verification link and its email in one
 * transaction. An address that already has an account gets a notice instead (queued in its own
 * transaction the same way), and the caller answers both alike ("check your email"), so the form
 * can't be used to find out who has one. Either email is committed before the answer. Neither
 * signs in: the confirmation link does (verified-link-sign-in.ts).
 */
export async function signUpWithPassword(input: SignUpInput, meta: RequestMeta = NO_REQUEST_META, now: Date = new Date()): Promise<SignUpOutcome> {
  // Counted before anything is looked up: "too many" is the same answer with or without an account.
  if (!(await limitAccount('signUpEmail', emailKey(input.email))).success) throw new AppError('rate_limited', TOO_MANY_REQUESTS);
  // Hashed before the transaction: ~30 ms of CPU shouldn't hold a connection (PGlite has one).
  // Both outcomes pay for it and queue one email; the new account's writes add ~10 ms (measured on
  // Postgres and PGlite), which the form hides behind SIGN_UP_TIME_FLOOR_MS.
  const passwordHash = await hashPassword(input.password);
  let created: { userId: string; workspaceSlug: string } | null = null;
  try {
    created = await withSystem('auth: sign up', async (tx) => {
      if (await findUserByEmail(tx, input.email)) return null;
      const [user] = await tx
        .insert(users)
        .values({ name: input.name, email: input.email, passwordHash, passwordChangedAt: now, createdAt: now, updatedAt: now })
        .returning({ id: users.id, email: users.email, name: users.name });
      const workspace = await ensurePersonalWorkspace(tx, user!, meta, { trialPlanId: input.plan, preferredInterval: input.interval });
      const verification = await issueEmailVerification(tx, user!, { next: afterSignUpPath(input.invite), now });
      await queueVerificationEmail(tx, verification);
      return { userId: user!.id, workspaceSlug: workspace.slug };
    });
  } catch (error) {
    // A concurrent sign-up with the same address won the unique index: same as "exists".
    if (!isUniqueViolation(error, 'users_email_unique')) throw error;
  }

  if (!created) {
    await notifyExistingAccount(input.email);
    return { status: 'exists' };
  }
  startEmailDelivery();
  return { status: 'created', userId: created.userId, workspaceSlug: created.workspaceSlug };
}

async function notifyExistingAccount(email: string): Promise<void> {
  const queued = await withSystem('auth: sign up: existing account', async (tx) => {
    const owner = await findUserByEmail(tx, email);
    if (!owner) return false;
    await queueTemplate(tx, 'account-exists', owner.email, {
      name: owner.name,
      signInUrl: appUrl('/sign-in'),
      resetUrl: appUrl('/forgot-password'),
    });
    return true;
  });
  if (queued) startEmailDelivery();
}
