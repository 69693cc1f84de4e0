// First: sets up what the Next server provides before next/server is loaded.
import { fakeRequest } from '../../helpers/next-request-scope';
import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { emailOutbox } from '@/db/schema';
import { withSystem } from '@/db/tenant';
import { deliverEmail } from '@/lib/email';
import type { SessionUser } from '@/lib/tenancy/session';
import { pendingDeliveryEvents, runDeliveryEvents, startFakeResend, type FakeResend } from '../../helpers/fake-resend';
import { asSessionUser, form, submit } from '../actions/support';

// A request that answered and whose process died right after: the response was produced inside a
// Next request scope whose after() callbacks never run (the fake request is never closed). Every
// email the answer promised must already be committed, and the worker run afterwards must deliver
// it exactly once.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/tenancy/session', async () => (await import('../actions/support')).sessionModule(session));
vi.mock('next/headers', async () => (await import('../actions/support')).headersModule());
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const { forgotPasswordAction } = await import('@/app/(auth)/forgot-password/actions');
const members = await import('@/app/(app)/w/[workspace]/settings/members/actions');
const { GET, POST } = await import('@/app/api/auth/[...nextauth]/route');
const { createUser, createWorkspaceWithOwner } = await import('../tenancy/support');

let resend: FakeResend;
beforeAll(async () => void (resend = await startFakeResend()));
afterAll(() => resend.close());
beforeEach(() => resend.configure());

async function emailsTo(to: string) {
  return withSystem('test', (tx) => tx.select().from(emailOutbox).where(eq(emailOutbox.to, to)).orderBy(desc(emailOutbox.createdAt)));
}

/** Runs `work` as the body of a request whose process is killed once it has answered. */
async function answeredThenKilled<T>(work: () => Promise<T>): Promise<T> {
  return fakeRequest().run(work);
}

/**
 * After the "restart": the worker delivers what is queued; running it again sends nothing more.
 * (The sweep's own exactly-once is tested in deliver-email.test.ts; it isn't run here because on
 * Postgres the suite shares one database and it would take that file's rows.)
 */
async function deliverAndCount(ids: string[]) {
  const runs = await runDeliveryEvents(ids);
  expect(runs.map((r) => r.status)).toEqual(ids.map(() => 'succeeded'));
  // A redelivered event, and a second worker taking the row directly, both find it done.
  await runDeliveryEvents(ids);
  expect(await Promise.all(ids.map((id) => deliverEmail(id)))).toEqual(ids.map(() => ({ status: 'skipped', reason: 'not-queued' })));
  return ids.map((id) => resend.requests.filter((r) => r.headers['idempotency-key'] === `email-outbox/${id}`).length);
}

/** What was committed for `to` when the answer was given: the queued row(s) and their delivery events, none sent yet. */
async function committedAtAnswer(to: string, template: string) {
  const rows = await emailsTo(to);
  expect(rows.map((r) => [r.template, r.status])).toEqual([[template, 'queued']]);
  const ids = rows.map((r) => r.id);
  expect(await pendingDeliveryEvents(ids)).toHaveLength(1);
  expect(resend.requests.filter((r) => r.body.to === to)).toEqual([]);
  return ids;
}

describe('no email lost when the process dies right after answering', () => {
  it('forgot password: the reset email is committed before the answer, then delivered once', async () => {
    const user = await createUser();
    const answer = await answeredThenKilled(() => submit(forgotPasswordAction, form({ email: user.email })));
    expect(answer).toEqual({ redirect: '/check-email?kind=reset' });
    const ids = await committedAtAnswer(user.email, 'password-reset');
    expect(await deliverAndCount(ids)).toEqual([1]);
    expect((await emailsTo(user.email))[0]).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('magic link through Auth.js (POST /api/auth/signin/email): the email is committed before the redirect', async () => {
    const email = `magic-${randomUUID().slice(0, 8)}@example.test`;
    type Handler = (request: Request, context: unknown) => Promise<Response>;
    const ctx = (...nextauth: string[]) => ({ params: Promise.resolve({ nextauth }) });
    const ip = { 'x-forwarded-for': `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}` };
    const response = await answeredThenKilled(async () => {
      const csrf = await (GET as unknown as Handler)(new Request('http://localhost:3000/api/auth/csrf', { headers: ip }), ctx('csrf'));
      const { csrfToken } = (await csrf.json()) as { csrfToken: string };
      const cookie = csrf.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      return (POST as unknown as Handler)(
        new Request('http://localhost:3000/api/auth/signin/email', {
          method: 'POST',
          headers: { ...ip, cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ csrfToken, email, callbackUrl: '/w' }),
        }),
        ctx('signin', 'email'),
      );
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toContain('/verify-request');
    const ids = await committedAtAnswer(email, 'magic-link');
    expect(await deliverAndCount(ids)).toEqual([1]);
  });

  it('invitation: the email commits in the workspace’s transaction with the invitation, then is delivered once', async () => {
    const { workspace, owner } = await createWorkspaceWithOwner();
    session.user = asSessionUser(owner);
    const to = `guest-${randomUUID().slice(0, 8)}@example.test`;
    const { result } = await answeredThenKilled(() => submit(members.inviteMemberAction, form({ workspace: workspace.slug, email: to, role: 'member' })));
    expect(result).toEqual({ ok: true, data: { email: to } });
    const ids = await committedAtAnswer(to, 'invitation');
    expect((await pendingDeliveryEvents(ids))[0]!.data).toEqual({ emailId: ids[0], tenantId: workspace.id });
    expect(await deliverAndCount(ids)).toEqual([1]);
  });
});
