'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { accountInputSchema, createAccount } from '@/lib/money/accounts';

const options = { permission: 'products.write', component: 'money' } as const;

// A form sends every field, blank ones as ''; the lib schema reads a blank optional field as absent.
const blankToAbsent = (value: unknown) =>
  value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([key, v]) => key !== 'workspace' && v !== '')) : value;

export const createAccountAction = workspaceAction({ ...options, input: z.preprocess(blankToAbsent, accountInputSchema) }, async ({ input, tx, access, meta }) => {
  const account = await createAccount(tx, access.ctx, input, meta);
  revalidatePath(`/w/${access.workspace.slug}/money/accounts`);
  return { id: account.id, name: account.name };
});
