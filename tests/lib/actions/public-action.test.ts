import { describe, expect, it, vi } from 'vitest';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';

// Each test calls from its own address, so rate-limit windows (kept in Redis between runs on CI)
// never carry over from one test or run to the next.
const request = vi.hoisted(() => ({ ip: '10.0.0.1' }));
vi.mock('next/headers', () => ({
  headers: async () => new Headers({ 'x-forwarded-for': request.ip, 'user-agent': 'vitest' }),
}));

const { publicAction } = await import('@/lib/actions/public-action');
const { secret } = await import('@/lib/actions/secret');
const { formList } = await import('@/lib/actions/form-data');
const { signInFormSchema } = await import('@/lib/auth/schemas');
const { resetPasswordSchema } = await import('@/lib/auth/password-reset');
const { signUpSchema } = await import('@/lib/auth/sign-up');
const { emailChangeSchema } = await import('@/lib/auth/email-change');
const { passwordChangeInput, disableTwoFactorInput } = await import('@/lib/auth/account-security');

function freshIp() {
  request.ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;
}

function form(fields: Record<string, string | string[] | File>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

const checkout = z.object({
  email: z.email({ error: 'Enter a valid email address.' }),
  discountCode: z.string().max(4, { error: 'Codes are four characters.' }),
  tokenSymbol: z.string(),
  password: secret(z.string().min(12, { error: 'Too short.' })),
  code: secret(z.string().length(6, { error: 'Six digits.' })),
  token: secret(z.string().optional()),
});

describe('publicAction', () => {
  it('answers invalid input with field errors and the typed values, but never the secret fields', async () => {
    freshIp();
    const handler = vi.fn();
    const action = publicAction({ input: checkout }, handler);
    const result = await action(
      null,
      form({ email: 'nope', discountCode: 'SPRING25', tokenSymbol: 'BTC', password: 'short', code: '12', token: 'tok_secret' }),
    );
    expect(handler).not.toHaveBeenCalled();
    expect(result).toEqual({
      ok: false,
      error: { code: 'validation_failed', message: 'Please correct the highlighted fields.' },
      fieldErrors: { email: ['Enter a valid email address.'], discountCode: ['Codes are four characters.'], password: ['Too short.'], code: ['Six digits.'] },
      values: { email: 'nope', discountCode: 'SPRING25', tokenSymbol: 'BTC' },
    });
  });

  it('the auth schemas mark passwords, codes and tokens secret, and echo the rest', async () => {
    freshIp();
    const echoed = async (schema: z.ZodType, fields: Record<string, string>) => {
      const result = await publicAction({ input: schema }, async () => {
        throw new AppError('validation_failed', 'refused');
      })(null, form(fields));
      return Object.keys(result.values ?? {}).sort();
    };
    expect(await echoed(signInFormSchema, { email: 'a@example.test', password: 'hunter2-hunter2', callbackUrl: '/w' })).toEqual(['callbackUrl', 'email']);
    expect(await echoed(signUpSchema, { name: 'Ada', email: 'a@example.test', password: 'x', invite: 'abc' })).toEqual(['email', 'invite', 'name']);
    expect(await echoed(resetPasswordSchema, { token: 't'.repeat(43), password: 'x', confirm: 'y' })).toEqual([]);
    expect(await echoed(emailChangeSchema, { email: 'b@example.test', currentPassword: 'x' })).toEqual(['email']);
    expect(await echoed(passwordChangeInput, { currentPassword: 'a', newPassword: 'b', confirmPassword: 'c' })).toEqual([]);
    expect(await echoed(disableTwoFactorInput, { password: 'a', code: '123456' })).toEqual([]);
  });

  it('gives the handler typed input with files and repeated keys kept', async () => {
    freshIp();
    const file = new File(['id,name\n1,Ada\n'], 'people.csv', { type: 'text/csv' });
    const action = publicAction({ input: z.object({ tags: formList(z.string()), upload: z.instanceof(File) }) }, async ({ input, meta }) => ({
      tags: input.tags,
      size: input.upload.size,
      ip: meta.ip,
    }));
    expect(await action(null, form({ tags: ['a', 'b'], upload: file }))).toEqual({ ok: true, data: { tags: ['a', 'b'], size: file.size, ip: request.ip } });
  });

  it('refuses once the declared limit is spent, without calling the handler', async () => {
    freshIp();
    const handler = vi.fn(async () => 'sent');
    // resetEmail allows 3 per 15 minutes; counted here by the caller's IP.
    const action = publicAction({ input: z.object({ email: z.string() }), rateLimit: 'resetEmail' }, handler);
    for (let i = 0; i < 3; i++) expect(await action(null, form({ email: 'x@example.test' }))).toEqual({ ok: true, data: 'sent' });
    const refused = await action(null, form({ email: 'x@example.test' }));
    expect(refused).toEqual({
      ok: false,
      error: { code: 'rate_limited', message: 'Too many requests. Please wait a few minutes and try again.' },
      values: { email: 'x@example.test' },
    });
    expect(handler).toHaveBeenCalledTimes(3);

    // Another address has its own window.
    freshIp();
    expect(await action(null, form({ email: 'x@example.test' }))).toMatchObject({ ok: true });
  });

  it('invalid input is not counted against the limit', async () => {
    freshIp();
    const action = publicAction({ input: z.object({ email: z.email() }), rateLimit: 'resetEmail' }, async () => 'sent');
    for (let i = 0; i < 5; i++) expect(await action(null, form({ email: 'nope' }))).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(await action(null, form({ email: 'x@example.test' }))).toMatchObject({ ok: true });
  });

  it('maps an AppError to the form message, under its field when it names one', async () => {
    freshIp();
    const action = publicAction({ input: checkout.partial() }, async () => {
      throw new AppError('conflict', 'That address is taken.', { field: 'email' });
    });
    expect(await action(null, form({ email: 'a@example.test', password: 'correct horse battery' }))).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'That address is taken.' },
      fieldErrors: { email: ['That address is taken.'] },
      values: { email: 'a@example.test' },
    });
  });

  it('hides any other error behind a generic message', async () => {
    freshIp();
    const action = publicAction({ input: z.object({}) }, async () => {
      throw new Error('duplicate key value violates unique constraint "users_email_unique" (select * from users where …)');
    });
    expect(await action(null, form({}))).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } });
  });

  it('answers a database outage with "try again shortly", not the generic failure', async () => {
    freshIp();
    const { DatabaseUnavailableError } = await import('@/db/tenant');
    const action = publicAction({ input: z.object({ email: z.string() }) }, async () => {
      throw new DatabaseUnavailableError('The database did not answer within 3000 ms');
    });
    expect(await action(null, form({ email: 'a@example.test' }))).toEqual({
      ok: false,
      error: { code: 'unavailable', message: expect.stringMatching(/nothing was changed.*try again/i) },
      values: { email: 'a@example.test' },
    });
  });

  it('lets a redirect through, and passes a ready result on unchanged', async () => {
    freshIp();
    const redirecting = publicAction({ input: z.object({}) }, async () => redirect('/check-email?kind=sign-up'));
    await expect(redirecting(null, form({}))).rejects.toMatchObject({ digest: expect.stringContaining('/check-email?kind=sign-up') });

    const ready = publicAction({ input: z.object({}) }, async () => ({ ok: false as const, error: { code: 'reset_link_unusable', message: 'This reset link has expired.' } }));
    expect(await ready(null, form({}))).toEqual({ ok: false, error: { code: 'reset_link_unusable', message: 'This reset link has expired.' } });
  });
});
