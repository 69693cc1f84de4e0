import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { auditLog, userSessions, users } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { templatesSentTo } from './support/mailbox';

// The action reads request headers and could set cookies: record every cookie it touches.
const cookieWrites = vi.hoisted(() => [] as string[]);
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-forwarded-for': `10.9.${Math.floor(Math.random() * 250)}.1`, 'user-agent': 'vitest' }),
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    has: () => false,
    set: (name: string) => void cookieWrites.push(`set ${name}`),
    delete: (name: string) => void cookieWrites.push(`delete ${name}`),
  }),
}));

const { signUpAction } = await import('@/app/(auth)/sign-up/actions');
const { signUpSchema, signUpWithPassword } = await import('@/lib/auth/sign-up');

const PASSWORD = 'copper-lantern-orbit-71';
const newEmail = () => `action-${randomUUID().slice(0, 8)}@example.test`;

function form(fields: Record<string, string>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** What the browser gets from the action: it always ends in a redirect, thrown as Next's digest. */
async function submit(email: string, name = 'Ada Lovelace') {
  cookieWrites.length = 0;
  try {
    const state = await signUpAction(null, form({ name, email, password: PASSWORD }));
    return { state, cookies: [...cookieWrites] };
  } catch (error) {
    return { redirect: (error as { digest?: string }).digest, cookies: [...cookieWrites] };
  }
}

async function sessionsOf(email: string) {
  return withSystem('test', async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    const sessions = await tx.select().from(userSessions).where(eq(userSessions.userId, user!.id));
    const signIns = (await tx.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorUserId, user!.id))).filter(
      (row) => row.action.startsWith('auth.sign_in'),
    );
    return [...sessions, ...signIns];
  });
}

describe('sign-up action', () => {
  it('answers a new and an existing address alike, and signs neither in', async () => {
    const email = newEmail();
    const created = await submit(email);
    const existing = await submit(email.toUpperCase(), 'Someone Else');

    expect(created).toEqual({ redirect: expect.stringContaining('/check-email?kind=sign-up'), cookies: [] });
    expect(existing).toEqual(created);
    expect(await sessionsOf(email)).toEqual([]);
    expect(await templatesSentTo(email)).toEqual(['account-exists', 'verify-email']);
  });
});

describe('signUpWithPassword', () => {
  it('never creates a session, for a new account or an existing address', async () => {
    const email = newEmail();
    const first = await signUpWithPassword(signUpSchema.parse({ name: 'Owner', email, password: PASSWORD }));
    const again = await signUpWithPassword(signUpSchema.parse({ name: 'Owner', email, password: PASSWORD }));
    expect(Object.keys(first).sort()).toEqual(['status', 'userId', 'workspaceSlug']);
    expect(again).toEqual({ status: 'exists' });
    expect(await sessionsOf(email)).toEqual([]);
  });
});
