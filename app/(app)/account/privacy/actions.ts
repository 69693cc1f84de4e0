'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formList } from '@/lib/actions/form-data';
import { secret } from '@/lib/actions/secret';
import { userAction } from '@/lib/actions/user-action';
import { orThrowFormFailure } from '@/lib/errors/form-failure';
import { requestAccountExport } from '@/lib/privacy/account-export';
import { cancelAccountDeletion, decisionSchema, emailDeletionLink, scheduleAccountDeletion } from '@/lib/tenancy/account-deletion';

const PAGE = '/account/privacy';


export const requestAccountExportAction = userAction({ input: z.object({}), component: 'privacy' }, async ({ user, meta }) => {
  const row = await requestAccountExport(user.id, meta);
  revalidatePath(PAGE);
  return { exportId: row.id };
});

const decisions = formList(decisionSchema);
const code = secret(z.string().trim().max(64).optional());

export const scheduleAccountDeletionAction = userAction(
  { input: z.object({ password: secret(z.string().min(1, 'Enter your password.').max(1024)), code, decisions }), component: 'privacy' },
  async ({ input, user, meta }) => {
    const result = orThrowFormFailure(await scheduleAccountDeletion(user.id, { proof: { kind: 'password', password: input.password }, code: input.code || undefined, decisions: input.decisions }, meta));
    revalidatePath(PAGE);
    return { scheduledFor: result.scheduledFor.toISOString() };
  },
);

export const emailDeletionLinkAction = userAction({ input: z.object({ decisions }), component: 'privacy' }, async ({ input, user }) => {
  orThrowFormFailure(await emailDeletionLink(user.id, input.decisions));
  return { sent: true };
});

export const confirmDeletionLinkAction = userAction(
  { input: z.object({ token: secret(z.string().min(1).max(200)), code }), component: 'privacy' },
  async ({ input, user, meta }) => {
    const result = orThrowFormFailure(await scheduleAccountDeletion(user.id, { proof: { kind: 'link', token: input.token }, code: input.code || undefined, decisions: [] }, meta));
    revalidatePath(PAGE);
    return { scheduledFor: result.scheduledFor.toISOString() };
  },
);

export const cancelAccountDeletionAction = userAction({ input: z.object({}), component: 'privacy' }, async ({ user, meta }) => {
  await cancelAccountDeletion(user.id, meta);
  revalidatePath(PAGE);
  return { cancelled: true };
});
