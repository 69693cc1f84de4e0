'use server';

import { revalidatePath } from 'next/cache';
import { workspaceAction } from '@/lib/actions/workspace-action';
import { apiKeyIdSchema, createApiKeySchema, expiryDate, rotateApiKeySchema } from '@/lib/api-keys/input';
import { createApiKey, revokeApiKey, rotateApiKey, type IssuedApiKey } from '@/lib/api-keys/keys';

const apiKeysPath = (slug: string) => `/w/${slug}/settings/api-keys`;

/** What the browser gets back once: the secret, with the name and prefix to show beside it. */
export type IssuedKeyResult = { token: string; name: string; prefix: string };

const issued = ({ key, token }: IssuedApiKey): IssuedKeyResult => ({ token, name: key.name, prefix: key.prefix });

export const createApiKeyAction = workspaceAction(
  { input: createApiKeySchema, permission: 'api_keys.manage', component: 'api-keys' },
  async ({ input, tx, access, meta }) => {
    const created = await createApiKey(tx, access.ctx, { name: input.name, scopes: input.scopes, expiresAt: expiryDate(input, new Date()) }, meta);
    revalidatePath(apiKeysPath(access.workspace.slug));
    return issued(created);
  },
);

export const rotateApiKeyAction = workspaceAction(
  { input: rotateApiKeySchema, permission: 'api_keys.manage', component: 'api-keys' },
  async ({ input, tx, access, meta }) => {
    const rotated = await rotateApiKey(tx, access.ctx, input, meta);
    revalidatePath(apiKeysPath(access.workspace.slug));
    return issued(rotated);
  },
);

export const revokeApiKeyAction = workspaceAction(
  { input: apiKeyIdSchema, permission: 'api_keys.manage', component: 'api-keys' },
  async ({ input, tx, access, meta }) => {
    await revokeApiKey(tx, access.ctx, input, meta);
    revalidatePath(apiKeysPath(access.workspace.slug));
    return null;
  },
);
