import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditLog, memberships, users, workspaces } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { verifyPassword } from '@/lib/auth/password';
import { ensurePersonalWorkspace, signUpSchema, signUpWithPassword } from '@/lib/auth/sign-up';
import { loadEntitlements } from '@/lib/billing/entitlements';
import { lastEmail, templatesSentTo } from './support/mailbox';

const PASSWORD = 'copper-lantern-orbit-71';
const newEmail = () => `signup-${randomUUID().slice(0, 8)}@example.test`;

async function workspacesOf(userId: string) {
  return withSystem('test', (tx) =>
    tx
      .select({ slug: workspaces.slug, name: workspaces.name, role: memberships.role })
      .from(memberships)
      .innerJoin(workspaces, eq(workspaces.id, memberships.tenantId))
      .where(eq(memberships.userId, userId)),
  );
}

describe('sign-up with password', () => {
  it('creates the user, a personal workspace they own and a verification email', async () => {
    const email = newEmail();
    const outcome = await signUpWithPassword(signUpSchema.parse({ name: 'Ada Lovelace', email, password: PASSWORD }));
    expect(outcome.status).toBe('created');
    if (outcome.status !== 'created') return;

    const [user] = await withSystem('test', (tx) => tx.select().from(users).where(eq(users.id, outcome.userId)));
    expect(user).toMatchObject({ email, name: 'Ada Lovelace', emailVerified: null });
    expect(await verifyPassword(user!.passwordHash!, PASSWORD)).toBe(true);
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);

    const owned = await workspacesOf(outcome.userId);
    expect(owned).toEqual([{ slug: outcome.workspaceSlug, name: 'Ada Lovelace’s workspace', role: 'owner' }]);
    expect(outcome.workspaceSlug).toMatch(/^ada-lovelace(-\d+)?$/);

    const verify = await lastEmail(email, 'verify-email');
    expect(verify?.links[0]?.href).toMatch(/\/verify-email\?token=[\w-]{43}$/);
    expect(await templatesSentTo(email)).toEqual(['verify-email']);

    const audits = await withSystem('test', (tx) => tx.select().from(auditLog).where(eq(auditLog.actorUserId, outcome.userId)));
    expect(audits.map((a) => a.action)).toContain('workspace.created');
  });

  it("starts the workspace on a trial of Pro, or of the plan card the person came from", async () => {
    const trialOf = async (fields: Record<string, string>) => {
      const outcome = await signUpWithPassword(signUpSchema.parse({ name: 'Trial Person', email: newEmail(), password: PASSWORD, ...fields }));
      if (outcome.status !== 'created') throw new Error('not created');
      return withSystem('test', async (tx) => {
        const [membership] = await tx.select().from(memberships).where(eq(memberships.userId, outcome.userId));
        return loadEntitlements(tx, membership!.tenantId);
      });
    };
    const plain = await trialOf({});
    expect(plain).toMatchObject({ planId: 'pro', source: 'trial' });
    const days = (Date.parse(plain.trialEndsAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);
    expect(await trialOf({ plan: 'team' })).toMatchObject({ planId: 'team', source: 'trial' });
    // Anything else in the link is ignored, not an error: the trial is of Pro.
    expect(await trialOf({ plan: 'enterprise' })).toMatchObject({ planId: 'pro', source: 'trial' });
    // Monthly or yearly, as picked on the pricing page, is kept for the billing page; nonsense is no preference.
    expect(plain.preferredInterval).toBeNull();
    expect(await trialOf({ plan: 'team', interval: 'year' })).toMatchObject({ planId: 'team', preferredInterval: 'year' });
    expect(await trialOf({ plan: 'pro', interval: 'weekly' })).toMatchObject({ planId: 'pro', preferredInterval: null });
  });

  it('answers an existing address like a new one, and emails the owner a notice instead', async () => {
    const email = newEmail();
    const first = await signUpWithPassword(signUpSchema.parse({ name: 'Owner', email, password: PASSWORD }));
    expect(first.status).toBe('created');

    const again = await signUpWithPassword(signUpSchema.parse({ name: 'Intruder', email: email.toUpperCase(), password: 'another-long-phrase-93' }));
    expect(again).toEqual({ status: 'exists' });
    expect(await templatesSentTo(email)).toEqual(['account-exists', 'verify-email']);
    const notice = await lastEmail(email, 'account-exists');
    expect(notice?.subject).toMatch(/tried to sign up/);

    // Nothing about the account changed: still one user, the original name and password.
    const rows = await withSystem('test', (tx) => tx.select().from(users).where(eq(users.email, email)));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe('Owner');
    expect(await verifyPassword(rows[0]!.passwordHash!, PASSWORD)).toBe(true);
  });

  it('gives two people with the same name distinct workspace slugs', async () => {
    const a = await signUpWithPassword(signUpSchema.parse({ name: 'Grace Hopper', email: newEmail(), password: PASSWORD }));
    const b = await signUpWithPassword(signUpSchema.parse({ name: 'Grace Hopper', email: newEmail(), password: PASSWORD }));
    if (a.status !== 'created' || b.status !== 'created') throw new Error('expected two accounts');
    expect(a.workspaceSlug).not.toBe(b.workspaceSlug);
  });

  it('carries an invitation through the verification link', async () => {
    const email = newEmail();
    await signUpWithPassword(signUpSchema.parse({ name: 'Invitee', email, password: PASSWORD, invite: 'inv_abcdefghijkl' }));
    const { verifyEmailToken } = await import('@/lib/auth/email-verification');
    const link = (await lastEmail(email, 'verify-email'))!.links[0]!.href;
    const outcome = await verifyEmailToken(new URL(link).searchParams.get('token')!);
    expect(outcome).toMatchObject({ status: 'verified', next: '/invite/inv_abcdefghijkl' });
  });

  it('refuses weak passwords and bad fields with messages under each field', () => {
    const result = signUpSchema.safeParse({ name: ' ', email: 'not-an-email', password: 'password123456' });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path[0]);
    expect(fields).toEqual(expect.arrayContaining(['name', 'email', 'password']));
    expect(signUpSchema.safeParse({ name: 'Ada', email: 'ada@example.test', password: 'short' }).error?.issues[0]?.message).toBe(
      'Use at least 10 characters.',
    );
  });

  it('ensurePersonalWorkspace is idempotent and names a nameless user after their email', async () => {
    const email = newEmail();
    const [user] = await withSystem('test', (tx) => tx.insert(users).values({ email }).returning());
    const first = await withSystem('test', (tx) => ensurePersonalWorkspace(tx, { id: user!.id, email, name: null }));
    const second = await withSystem('test', (tx) => ensurePersonalWorkspace(tx, { id: user!.id, email, name: null }));
    expect(second.id).toBe(first.id);
    expect(first.name).toBe(`${email.split('@')[0]}’s workspace`);
    expect(await workspacesOf(user!.id)).toHaveLength(1);
  });
});
